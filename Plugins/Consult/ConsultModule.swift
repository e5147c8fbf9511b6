import PluginAPI

/// 前台咨询 (manual 4.4, 1.4, 7.1): the public consultation form, matchmaker team and about-us pages, and the staff side
/// that allocates, processes and converts consultations into members.
public struct ConsultModule: Module {
    public init() {}

    public let manifest = ModuleManifest(id: "consult", name: LocalizedText(zh: "前台咨询", en: "Consultations"), version: "1.0.0",
                                         dependencies: ["members"])

    public var permissions: [ResourcePermissions] {
        // Owned: a consultation belongs to its assigned matchmaker (owner_id); unassigned ones are for allocate holders.
        [.standard("consultation", LocalizedText(zh: "前台咨询", en: "Consultation"),
                   extra: [ActionSpec("allocate", LocalizedText(zh: "分配", en: "Allocate"))])]
    }

    public var migrations: [Migration] { ConsultSchema.migrations }

    public var settingsSchema: [SettingSpec] {
        [SettingSpec("consult_limit", default: .int(5), help: "Consultations accepted per client address per hour on the public form.")]
    }

    public var messages: MessageCatalog { ConsultMessages.catalog }

    public var publishedEvents: [String] { ["consultation.created", "consultation.allocated"] }

    public var subscriptions: [EventSubscription] {
        [EventSubscription("member.created") { event, tx in try await ConsultConversion.memberCreated(event, tx) }]
    }

    public var menu: [MenuEntry] {
        let group = LocalizedText(zh: "前台咨询", en: "Consultations")
        return [
            MenuEntry(LocalizedText(zh: "待处理咨询", en: "Pending"), path: "/", requires: "consultation", group: group),
            MenuEntry(LocalizedText(zh: "已处理咨询", en: "Processed"), path: "/processed", requires: "consultation", group: group),
            MenuEntry(LocalizedText(zh: "待分配咨询", en: "To allocate"), path: "/allocation", requires: "consultation", "allocate", group: group),
        ]
    }

    public var widgets: [DashboardWidget] {
        [DashboardWidget(id: "pending", title: LocalizedText(zh: "前台咨询", en: "Consultations"), requires: "consultation",
                         maxAge: .seconds(30)) { req in try await ConsultWidgets.pending(req) }]
    }

    public func routes(_ routes: inout RouteCollector) throws {
        try PublicConsultPages().register(&routes)
        try MatchmakerPages().register(&routes)
        try AboutPages().register(&routes)
        try ConsultListPages().register(&routes)
        try ConsultAllocationPages().register(&routes)
        try ConsultDetailPages().register(&routes)
        try ConsultActionPages().register(&routes)
    }

    public func seedDemoData(_ context: DemoContext) async throws {
        try await ConsultDemoData(context: context).run()
    }
}
