import PluginAPI

/// The points module, as `yuelao new-module points` generated it: one resource (`item`) with the five standard
/// permissions, list/create/edit/delete pages and their JSON API, a menu, a dashboard widget and demo data.
/// Rename the labels in `PointsMessages.swift`, add columns with a new migration in `Model/PointsSchema.swift`.
public struct PointsModule: Module {
    public init() {}

    // id: also the table prefix (`points_…`) and the URL prefix (`/m/points`, `/api/points`).
    public let manifest = ModuleManifest(id: "points", name: LocalizedText(zh: "Points", en: "Points"), version: "1.0.0")

    public var permissions: [ResourcePermissions] {
        // Owned: every item carries `owner_id`; the kernel filters lists and checks actions by role scope.
        [.standard("item", LocalizedText(zh: "条目", en: "Item"))]
    }

    public var migrations: [Migration] { PointsSchema.migrations }

    public var settingsSchema: [SettingSpec] {
        [SettingSpec("page_size", default: .int(20), help: "Rows per page of the list.")]
    }

    public var messages: MessageCatalog { PointsMessages.catalog }

    public var menu: [MenuEntry] {
        [MenuEntry(LocalizedText(zh: "条目列表", en: "Items"), path: "/", requires: "item"),
         MenuEntry(LocalizedText(zh: "新建条目", en: "New item"), path: "/new", requires: "item", "add")]
    }

    public var widgets: [DashboardWidget] {
        [DashboardWidget(id: "count", title: manifest.name, requires: "item", maxAge: .seconds(30)) { req in
            try await PointsListPages.widget(req)
        }]
    }

    public func routes(_ routes: inout RouteCollector) throws {
        try PointsListPages().register(&routes)
        try PointsFormPages().register(&routes)
        try PointsAPI().register(&routes)
    }

    public func seedDemoData(_ context: DemoContext) async throws {
        try await PointsDemoData.seed(context)
    }
}
