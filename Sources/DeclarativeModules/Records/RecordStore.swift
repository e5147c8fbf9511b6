import Foundation
import PluginAPI
import SQLKit

/// Reads and writes the rows of one declarative table; values are always bound.
struct RecordStore: Sendable {
    let context: TableContext

    var table: TableDefinition { context.table }

    func find(_ id: Int64, db: any SQLDatabase) async throws -> Record? {
        guard let row = try await db.select().columns(Record.columns(table)).from(context.sqlTable).where("id", .equal, id).first() else {
            return nil
        }
        return try Record(row: row, table: table)
    }

    /// One page of `list`, ordered by `sort` then id.
    func page(_ list: ListQuery, db: any SQLDatabase, sort: String, descending: Bool, limit: Int, offset: Int) async throws -> [Record] {
        let direction: SQLDirection = descending ? .descending : .ascending
        let rows = try await db.select().columns(Record.columns(table)).from(list.table).where(list.predicate)
            .orderBy(SQLColumn(sort), direction).orderBy(SQLColumn("id"), direction)
            .limit(limit).offset(offset).all()
        return try rows.map { try Record(row: $0, table: table) }
    }

    /// Inserts a record owned by `owner` (the creator unless an owner field says otherwise); returns its id.
    func insert(_ values: [String: StoredValue], owner: Int64?, createdBy: Int64?, db: any SQLDatabase) async throws -> Int64 {
        let now = Int64(Date().timeIntervalSince1970)
        var columns = ["owner_id", "created_by", "created_at", "updated_at"]
        var binds: [any SQLExpression] = [SQLBind(owner), SQLBind(createdBy), SQLBind(now), SQLBind(now)]
        for field in table.fields where table.column(of: field) != "owner_id" {
            columns.append(field.id)
            binds.append((values[field.id] ?? .null).sql)
        }
        return try await db.insert(into: context.sqlTable).columns(columns).values(binds)
            .returning("id").first(decodingColumn: "id", as: Int64.self) ?? 0
    }

    func update(_ id: Int64, _ values: [String: StoredValue], owner: Int64?, db: any SQLDatabase) async throws {
        let query = db.update(context.sqlTable).set("updated_at", to: Int64(Date().timeIntervalSince1970)).set("owner_id", to: SQLBind(owner))
        for field in table.fields where table.column(of: field) != "owner_id" {
            query.set(field.id, to: (values[field.id] ?? .null).sql)
        }
        try await query.where("id", .equal, id).run()
    }

    func delete(_ id: Int64, db: any SQLDatabase) async throws {
        try await db.delete(from: context.sqlTable).where("id", .equal, id).run()
    }

    /// Whether another record than `excluding` holds `value` in `field`'s column.
    func isTaken(_ field: FieldDefinition, _ value: StoredValue, excluding: Int64?, db: any SQLDatabase) async throws -> Bool {
        guard !value.isNull else { return false }
        let query = db.select().column("id").from(context.sqlTable).where(SQLColumn(table.column(of: field)), .equal, value.sql)
        if let excluding { query.where("id", .notEqual, excluding) }
        return try await query.limit(1).first() != nil
    }
}
