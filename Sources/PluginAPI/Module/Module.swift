import Kernel

/// A Yuelao module: everything it tells the host about itself.
///
/// Only `manifest` is required; every other requirement has an empty default,
/// so a module states just what it has and the host decides when to wire it.
///
/// ```swift
/// struct NotesModule: Module {
///     let manifest = ModuleManifest(id: "notes", name: .init(zh: "便签", en: "Notes"), version: "1.0.0")
///     var permissions: [ResourcePermissions] { [.standard("note", .init(zh: "便签", en: "Note"))] }
///     func routes(_ routes: inout RouteCollector) throws {
///         try routes.get("/", .requires("note", "view")) { req in .page(title: "Notes", body: .text("…")) }
///     }
/// }
/// ```
public protocol Module: Sendable {
    /// Identity, names, version and dependencies.
    var manifest: ModuleManifest { get }
    /// The permissions the module declares, per resource.
    var permissions: [ResourcePermissions] { get }
    /// Ordered, versioned migrations creating and changing the module's tables.
    var migrations: [Migration] { get }
    /// Keys, types and defaults of the module's block in `modules.yaml`.
    var settingsSchema: [SettingSpec] { get }
    /// Labels of the module, per language, merged into the host's message catalogue under the module id.
    var messages: MessageCatalog { get }
    /// Left-menu entries, each gated by a permission.
    var menu: [MenuEntry] { get }
    /// Dashboard widgets, each gated by a permission.
    var widgets: [DashboardWidget] { get }
    /// Names of the events this module publishes (documentation and validation of subscriptions).
    var publishedEvents: [String] { get }
    /// Handlers run inside the publisher's transaction.
    var subscriptions: [EventSubscription] { get }
    /// Sections this module adds to other modules' record pages (see ``RecordPanel``).
    var panels: [RecordPanel] { get }
    /// The top bar's search box, if this module answers it (see ``QuickSearch``).
    var quickSearch: QuickSearch? { get }
    /// Work done in the background while the host serves (see ``BackgroundJob``).
    var jobs: [BackgroundJob] { get }
    /// Registers the module's routes (mounted by the host under `/m/<id>` and `/api/<id>`, public pages at the root).
    func routes(_ routes: inout RouteCollector) throws
    /// Generates realistic demo data of roughly `size` records.
    func seedDemoData(_ context: DemoContext) async throws
}

extension Module {
    public var permissions: [ResourcePermissions] { [] }
    public var migrations: [Migration] { [] }
    public var settingsSchema: [SettingSpec] { [] }
    public var messages: MessageCatalog { MessageCatalog() }
    public var menu: [MenuEntry] { [] }
    public var widgets: [DashboardWidget] { [] }
    public var publishedEvents: [String] { [] }
    public var subscriptions: [EventSubscription] { [] }
    public var panels: [RecordPanel] { [] }
    public var quickSearch: QuickSearch? { nil }
    public var jobs: [BackgroundJob] { [] }
    public func routes(_ routes: inout RouteCollector) throws {}
    public func seedDemoData(_ context: DemoContext) async throws {}

    /// The module's id, shorthand for `manifest.id`.
    public var id: String { manifest.id }
}
