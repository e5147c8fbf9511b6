import PluginAPI

/// A whole declarative module: identity, dependencies and tables, read from one file of `modules.d/`.
public struct ModuleDefinition: Sendable, Equatable {
    public var id: String
    public var name: LocalizedText
    public var version: String
    public var dependencies: [String]
    public var tables: [TableDefinition]
    /// The file it was read from, as shown in messages (e.g. `modules.d/referrals.yaml`).
    public var file: String

    /// Creates a definition.
    public init(id: String, name: LocalizedText, version: String, dependencies: [String], tables: [TableDefinition], file: String) {
        self.id = id
        self.name = name
        self.version = version
        self.dependencies = dependencies
        self.tables = tables
        self.file = file
    }

    /// The table `id`, if declared.
    public func table(_ id: String) -> TableDefinition? { tables.first { $0.id == id } }
}
