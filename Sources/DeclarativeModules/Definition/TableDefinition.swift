import PluginAPI

/// One table of a declarative module: a resource with the five standard permissions, its fields, list and filters.
public struct TableDefinition: Sendable, Equatable {
    /// Resource id and table suffix: the SQL table is `<module>_<id>`.
    public var id: String
    /// Label of the resource (role grid, page titles).
    public var label: LocalizedText
    /// Fields in form order.
    public var fields: [FieldDefinition]
    /// Field ids shown as list columns (default: the first five fields).
    public var listColumns: [String]
    /// Field ids offered as search filters.
    public var filters: [String]
    /// A staff field whose value is the record's owner (stored in `owner_id`); nil: the creator owns the record.
    public var ownerField: String?
    /// Menu entry of the list; nil: no entry.
    public var menu: MenuPlacement?
    /// Line of the table in its file.
    public var line: Int?

    /// Creates a table.
    public init(id: String, label: LocalizedText, fields: [FieldDefinition], listColumns: [String] = [], filters: [String] = [],
                ownerField: String? = nil, menu: MenuPlacement? = nil, line: Int? = nil) {
        self.id = id
        self.label = label
        self.fields = fields
        self.listColumns = listColumns.isEmpty ? Array(fields.prefix(5).map(\.id)) : listColumns
        self.filters = filters
        self.ownerField = ownerField
        self.menu = menu
        self.line = line
    }

    /// Columns every table has besides its fields.
    public static let systemColumns = ["id", "owner_id", "created_by", "created_at", "updated_at"]

    /// The field `id`, if declared.
    public func field(_ id: String) -> FieldDefinition? { fields.first { $0.id == id } }

    /// The SQL column of `field`: `owner_id` for the owner field, else the field id.
    public func column(of field: FieldDefinition) -> String { field.id == ownerField ? "owner_id" : field.id }

    /// The SQL table of this table in module `module`.
    public func sqlTable(module: String) -> String { "\(module)_\(id)" }
}
