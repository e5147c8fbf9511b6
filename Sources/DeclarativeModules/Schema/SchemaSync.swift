import Logging
import PluginAPI
import Settings
import SQLKit

/// Brings a declarative module's tables to its definition, on SQLite and PostgreSQL alike.
///
/// The module has one migration whose version is a fingerprint of the schema-relevant parts of the definition
/// (tables, fields, types, unique rules, owner, filters): when the definition changes, the fingerprint does, and the host
/// runs the step once. The step is idempotent and reads the table as it is: it creates missing tables, adds a column per
/// new field (existing rows keep their data; the new column is NULL for them) and never drops anything — a field removed
/// from the definition keeps its column and data ("field x removed from the definition: column kept with its data"). Every field column is nullable (the rules live in the forms), so kept columns never
/// block new rows; the module reports kept columns through `SchemaReporting`. Changing the type of an existing field is not supported: add a new field instead.
public struct SchemaSync: Sendable {
    public let definition: ModuleDefinition
    let logger: Logger

    /// Creates the step for `definition`; added columns are logged to `logger`.
    public init(definition: ModuleDefinition, logger: Logger) {
        self.definition = definition
        self.logger = logger
    }

    /// The migration the module declares.
    public var migration: Migration {
        let sync = self
        let tables = definition.tables.map { "\($0.id)(\($0.fields.map(\.id).joined(separator: ",")))" }.joined(separator: " ")
        // The notes about kept columns are reported by the host (`SchemaReporting`), on every migrate, not only this once.
        return Migration(version: fingerprint, name: "schema \(tables)") { db in try await sync.apply(db) }
    }

    /// A positive 31-bit FNV-1a hash of the schema-relevant parts of the definition (stable across processes).
    public var fingerprint: Int {
        var text = ""
        for table in definition.tables {
            text += "t:\(table.id);o:\(table.ownerField ?? "");f:\(table.filters.joined(separator: ","));l:\(table.listColumns.joined(separator: ","));"
            for field in table.fields {
                var type = field.type.name
                if case .dictionary(let list) = field.type { type += "(\(list))" }
                text += "\(field.id):\(type):\(field.unique ? "u" : "");"
            }
        }
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01b3
        }
        return Int(hash % 2_147_483_000) + 1
    }

    /// Applies the definition to `db`; returns the notes about columns kept for removed fields (and tables kept).
    @discardableResult
    public func apply(_ db: any SQLDatabase) async throws -> [String] {
        var notes: [String] = []
        for table in definition.tables {
            let name = table.sqlTable(module: definition.id)
            let existing = try await Self.columns(of: name, db)
            if existing.isEmpty {
                try await create(table, name, db)
            } else {
                for field in table.fields where !existing.contains(table.column(of: field)) {
                    try await db.alter(table: name).column(table.column(of: field), type: Self.type(field)).run()
                    logger.info("column added", metadata: ["table": .string(name), "field": .string(field.id)])
                }
                notes += Self.keptColumns(table, name, existing)
            }
            try await indexes(table, name, db)
            for field in table.fields {
                if case .dictionary(let list) = field.type, !field.seeds.isEmpty {
                    try await DictionaryService.ensureList(list, name: field.label,
                                                           options: field.seeds.map { ($0.code, $0.label.zh, $0.label.en) }, db: db)
                }
            }
        }
        return notes
    }

    private func create(_ table: TableDefinition, _ name: String, _ db: any SQLDatabase) async throws {
        let builder = db.create(table: name).ifNotExists()
            .column("id", type: .bigint, .primaryKey(autoIncrement: true))
            .column("owner_id", type: .bigint)
            .column("created_by", type: .bigint)
            .column("created_at", type: .bigint, .notNull)
            .column("updated_at", type: .bigint, .notNull)
        for field in table.fields where table.column(of: field) != "owner_id" {
            builder.column(field.id, type: Self.type(field))
        }
        try await builder.run()
    }

    /// The owner index behind every list, one per list or filter column, and the unique indexes (dropped when a field is no longer unique).
    private func indexes(_ table: TableDefinition, _ name: String, _ db: any SQLDatabase) async throws {
        try await db.raw("CREATE INDEX IF NOT EXISTS \(ident: "\(name)_owner_idx") ON \(ident: name) (owner_id, id)").run()
        for field in table.fields {
            let column = table.column(of: field)
            let unique = "\(name)_\(field.id)_key"
            if field.unique {
                // A field made unique over rows that repeat a value: say which, instead of the database's own refusal.
                let repeated = try await db.select().column(SQLColumn(column)).from(name).where(SQLColumn(column), .isNot, SQLLiteral.null)
                    .groupBy(column).having(SQLFunction("COUNT", args: SQLLiteral.all), .greaterThan, SQLLiteral.numeric("1")).limit(1).all()
                guard repeated.isEmpty else {
                    throw DefinitionErrors([DefinitionError(file: definition.file, line: nil, module: definition.id,
                        "table \(table.id): field \(field.id) cannot be unique: some rows share a value; make them distinct or drop unique: from the field")])
                }
                try await db.raw("CREATE UNIQUE INDEX IF NOT EXISTS \(ident: unique) ON \(ident: name) (\(ident: column))").run()
            } else {
                try await db.raw("DROP INDEX IF EXISTS \(ident: unique)").run()
                if column != "owner_id", table.filters.contains(field.id) || table.listColumns.contains(field.id) {
                    try await db.raw("CREATE INDEX IF NOT EXISTS \(ident: "\(name)_\(field.id)_idx") ON \(ident: name) (\(ident: column))").run()
                }
            }
        }
    }

    /// The notes about what the tables in `db` hold beyond the definition (read-only).
    public func notes(_ db: any SQLDatabase) async throws -> [String] {
        var notes: [String] = []
        for table in definition.tables {
            let name = table.sqlTable(module: definition.id)
            notes += Self.keptColumns(table, name, try await Self.columns(of: name, db))
            for field in table.fields {
                guard case .dictionary(let list) = field.type,
                      try await db.select().column("key").from("settings_dict_list").where("key", .equal, list).first() == nil else { continue }
                notes.append("table \(name): field \(field.id): dictionary list '\(list)' does not exist: add it under Settings → data dictionary (or give the field options)")
            }
        }
        return notes
    }

    /// "table t: field x removed from the definition: column kept with its data" for each column no field declares.
    static func keptColumns(_ table: TableDefinition, _ name: String, _ existing: Set<String>) -> [String] {
        let known = Set(TableDefinition.systemColumns + table.fields.map { table.column(of: $0) })
        return existing.sorted().filter { !known.contains($0) }.map {
            "table \(name): field \($0) removed from the definition: column kept with its data"
        }
    }

    static func type(_ field: FieldDefinition) -> SQLDataType { field.type.storesText ? .text : .bigint }

    /// The column names of `table` (empty when it does not exist).
    public static func columns(of table: String, _ db: any SQLDatabase) async throws -> Set<String> {
        if db.isPostgres {
            let rows = try await db.select().column("column_name").from(SQLQualifiedTable("columns", space: "information_schema"))
                .where(SQLColumn("table_schema"), .equal, SQLFunction("current_schema"))
                .where("table_name", .equal, table).all()
            return Set(try rows.map { try $0.decode(column: "column_name", as: String.self) })
        }
        let rows = try await db.raw("PRAGMA table_info(\(ident: table))").all()
        return Set(try rows.map { try $0.decode(column: "name", as: String.self) })
    }
}
