import PluginAPI

/// What the generic code needs to know about the table it serves.
struct TableContext: Sendable {
    let module: String
    let table: TableDefinition

    var resource: String { table.id }
    var sqlTable: String { table.sqlTable(module: module) }
    /// Path of the table's pages, e.g. `/m/referrals/referral`.
    var pagesBase: String { "/m/\(module)/\(table.id)" }

    /// The label key of `field` in the module's catalogue.
    func fieldKey(_ field: FieldDefinition) -> String { "field.\(table.id).\(field.id)" }
}
