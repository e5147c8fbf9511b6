import PluginAPI

/// 系统设置: agency branding, page sizes, time zone, session limits, the data dictionary and the region browser.
public struct SettingsModule: Module {
    public init() {}

    public let manifest = ModuleManifest(id: "settings", name: LocalizedText(zh: "系统设置", en: "Settings"), version: "1.0.0")

    public var permissions: [ResourcePermissions] {
        [
            ResourcePermissions(resource: "site", label: LocalizedText(zh: "基本设置", en: "Site settings"),
                                actions: [ActionSpec("view", LocalizedText(zh: "查看", en: "View")), ActionSpec("edit", LocalizedText(zh: "编辑", en: "Edit"))],
                                owned: false),
            ResourcePermissions(resource: "dictionary", label: LocalizedText(zh: "数据字典", en: "Data dictionary"),
                                actions: Array(ActionSpec.standard.prefix(4)), owned: false),
            ResourcePermissions(resource: "region", label: LocalizedText(zh: "地区", en: "Regions"),
                                actions: [ActionSpec("view", LocalizedText(zh: "查看", en: "View"))], owned: false),
        ]
    }

    public var migrations: [Migration] { SettingsSchema.migrations }

    public var settingsSchema: [SettingSpec] {
        [SettingSpec("timezone_choices", default: .strings(["Asia/Shanghai", "Asia/Hong_Kong", "Asia/Taipei", "Asia/Singapore", "Asia/Tokyo", "UTC"]),
                     help: "Time zones offered in the site settings form.")]
    }

    public var messages: MessageCatalog { SettingsMessages.catalog }

    public var menu: [MenuEntry] {
        [
            MenuEntry(LocalizedText(zh: "基本设置", en: "Site settings"), path: "/site", requires: "site"),
            MenuEntry(LocalizedText(zh: "数据字典", en: "Data dictionary"), path: "/dictionary", requires: "dictionary"),
            MenuEntry(LocalizedText(zh: "地区", en: "Regions"), path: "/regions", requires: "region"),
        ]
    }

    public var widgets: [DashboardWidget] {
        [DashboardWidget(id: "agency", title: LocalizedText(zh: "机构信息", en: "Agency"), requires: "site") { req in
            let site = req.site
            return HTML(raw: "<p><strong>\(escapeHTML(site.agencyName))</strong></p><p class=\"muted\">\(escapeHTML(req.t("site.hotline"))): \(escapeHTML(site["agency.hotline"]))</p>")
                + HTML.link(req.t("site.title"), href: "\(req.base)/site")
        }]
    }

    public func routes(_ routes: inout RouteCollector) throws {
        try SitePages().register(&routes)
        try DictionaryPages().register(&routes)
        try RegionPages().register(&routes)
    }

    public func seedDemoData(_ context: DemoContext) async throws {
        context.progress("dictionary", 1, 1)
    }
}
