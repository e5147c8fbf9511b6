import PluginAPI

/// 联谊活动: agency mixer events with a capacity, member sign-ups by their matchmakers, and attendance.
///
/// A module in a Swift package of its own, built into the host by naming it in the host's `Package.swift`.
public struct EventsModule: Module {
    public init() {}

    public let manifest = ModuleManifest(id: "events", name: LocalizedText(zh: "联谊活动", en: "Mixer events"), version: "1.1.0",
                                         dependencies: ["members"])

    public var permissions: [ResourcePermissions] {
        [
            // Owned by the organiser; "attend" marks who came.
            .standard("event", LocalizedText(zh: "活动", en: "Event"), extra: [ActionSpec("attend", LocalizedText(zh: "签到", en: "Mark attended"))]),
            // Owned by the matchmaker who signed the member up.
            ResourcePermissions(resource: "signup", label: LocalizedText(zh: "活动报名", en: "Sign-up"),
                                actions: ActionSpec.standard.filter { ["view", "add", "delete"].contains($0.id) }),
        ]
    }

    public var migrations: [Migration] { EventsSchema.migrations }

    public var settingsSchema: [SettingSpec] {
        [SettingSpec("default_capacity", default: .int(30), help: "Capacity proposed for a new event."),
         SettingSpec("page_size", default: .int(20), help: "Rows per page of the event list.")]
    }

    public var messages: MessageCatalog { EventsMessages.catalog }

    public var publishedEvents: [String] { ["events.signup"] }

    public var menu: [MenuEntry] {
        let group = LocalizedText(zh: "联谊活动", en: "Mixer events")
        return [MenuEntry(LocalizedText(zh: "活动列表", en: "Events"), path: "/", requires: "event", group: group),
                MenuEntry(LocalizedText(zh: "新建活动", en: "New event"), path: "/new", requires: "event", "add", group: group)]
    }

    public var widgets: [DashboardWidget] {
        [DashboardWidget(id: "upcoming", title: LocalizedText(zh: "即将举行的活动", en: "Upcoming events"), requires: "event",
                         maxAge: .seconds(60)) { req in try await EventListPages.widget(req) }]
    }

    public func routes(_ routes: inout RouteCollector) throws {
        try EventListPages().register(&routes)
        try EventFormPages().register(&routes)
        try EventDetailPages().register(&routes)
        try SignUpPages().register(&routes)
        try EventsAPI().register(&routes)
    }

    public func seedDemoData(_ context: DemoContext) async throws {
        try await EventsDemoData.seed(context)
    }
}
