import Foundation
import PluginAPI
import SQLKit

/// One row of a declarative table: its system columns and the values of the declared fields.
struct Record: Sendable {
    var id: Int64
    var ownerID: Int64?
    var createdBy: Int64?
    var createdAt: Int64
    var updatedAt: Int64
    /// Field id → value (the owner field too, read from `owner_id`).
    var values: [String: StoredValue]

    subscript(_ field: String) -> StoredValue { values[field] ?? .null }

    /// The columns to select for `table`: the system columns, then the declared fields (kept columns of removed fields are not read).
    static func columns(_ table: TableDefinition) -> [any SQLExpression] {
        (TableDefinition.systemColumns + table.fields.map { table.column(of: $0) }.filter { $0 != "owner_id" }).map { SQLColumn($0) }
    }

    /// Decodes a row selected with `columns(_:)`.
    init(row: any SQLRow, table: TableDefinition) throws {
        id = try row.decode(column: "id", as: Int64.self)
        ownerID = try row.decode(column: "owner_id", as: Int64?.self)
        createdBy = try row.decode(column: "created_by", as: Int64?.self)
        createdAt = try row.decode(column: "created_at", as: Int64.self)
        updatedAt = try row.decode(column: "updated_at", as: Int64.self)
        var values: [String: StoredValue] = [:]
        for field in table.fields {
            let column = table.column(of: field)
            if field.type.storesText {
                values[field.id] = try row.decode(column: column, as: String?.self).map(StoredValue.text) ?? .null
            } else {
                values[field.id] = try row.decode(column: column, as: Int64?.self).map(StoredValue.int) ?? .null
            }
        }
        self.values = values
    }

    /// The API form: system columns and every field in its wire type (money in fen, datetime in epoch seconds, booleans true/false).
    func json(_ table: TableDefinition) -> [String: JSONScalar] {
        var out: [String: JSONScalar] = [
            "id": .int(id), "owner_id": ownerID.map(JSONScalar.int) ?? .null,
            "created_at": .int(createdAt), "updated_at": .int(updatedAt),
        ]
        for field in table.fields {
            switch (field.type, self[field.id]) {
            case (_, .null): out[field.id] = field.type == .boolean ? .bool(false) : .null
            case (.boolean, .int(let i)): out[field.id] = .bool(i != 0)
            case (_, .int(let i)): out[field.id] = .int(i)
            case (_, .text(let s)): out[field.id] = .string(s)
            }
        }
        return out
    }

    /// A compact, stable text of the record for the audit log.
    func auditText(_ table: TableDefinition) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        var values = json(table)
        values["created_at"] = nil
        values["updated_at"] = nil
        return (try? encoder.encode(values)).flatMap { String(data: $0, encoding: .utf8) } ?? "#\(id)"
    }
}
