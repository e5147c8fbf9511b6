import Logging
import PluginAPI
import SQLKit

/// A module defined entirely in YAML (a file under `modules.d/`): the host wires it exactly like a Swift module —
/// permissions with the kernel, migrations, routes under `/m/<id>` and `/api/<id>`, menu entries and messages.
///
/// ```swift
/// let definition = try DefinitionParser(file: "modules.d/referrals.yaml").parse(text)
/// let module = DeclarativeModule(definition)     // conforms to Module
/// ```
public struct DeclarativeModule: Module, SchemaReporting, SchemaSyncing {
    /// The parsed definition.
    public let definition: ModuleDefinition
    public let manifest: ModuleManifest

    /// Creates the module of `definition`.
    public init(_ definition: ModuleDefinition) {
        self.definition = definition
        self.manifest = ModuleManifest(id: definition.id, name: definition.name, version: definition.version,
                                       dependencies: definition.dependencies)
    }

    /// One row of the role grid per table: the five standard actions; records are owned (`owner_id`).
    public var permissions: [ResourcePermissions] {
        definition.tables.map { .standard($0.id, $0.label) }
    }

    /// One migration bringing the tables to the definition (see `SchemaSync`).
    public var migrations: [Migration] {
        [SchemaSync(definition: definition, logger: Logger(label: "yuelao.declarative")).migration]
    }

    public var messages: MessageCatalog { DeclarativeMessages.catalog(for: definition) }

    public var menu: [MenuEntry] {
        definition.tables.compactMap { table in table.menu.map { (table, $0) } }
            .sorted { $0.1.order < $1.1.order }
            .map { table, menu in MenuEntry(menu.label, path: "/\(table.id)", requires: table.id, "view", group: menu.group) }
    }

    public func routes(_ routes: inout RouteCollector) throws {
        if let first = definition.tables.first {
            let target = "/m/\(definition.id)/\(first.id)"
            try routes.get("/", .requires(first.id, "view")) { _ in .redirect(target) }
        }
        for table in definition.tables {
            let context = TableContext(module: definition.id, table: table)
            try TablePages(context: context).register(&routes)
            try TableAPI(context: context).register(&routes)
        }
    }

    /// The tables brought to the file on every migrate (see `SchemaSyncing`): a definition restored to an earlier state
    /// (its migration version already recorded) is applied again.
    public func syncSchema(_ db: any SQLDatabase) async throws {
        try await SchemaSync(definition: definition, logger: Logger(label: "yuelao.declarative")).apply(db)
    }

    /// Columns kept for fields removed from the file.
    public func schemaNotes(_ db: any SQLDatabase) async throws -> [String] {
        try await SchemaSync(definition: definition, logger: Logger(label: "yuelao.declarative")).notes(db)
    }

    /// A few records per table with plausible values of every field.
    public func seedDemoData(_ context: DemoContext) async throws {
        for table in definition.tables {
            try await DemoRows(context: context, table: TableContext(module: definition.id, table: table)).run()
        }
    }
}
