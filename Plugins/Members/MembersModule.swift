import PluginAPI
import Settings

/// 会员管理: member profiles, allocation to matchmakers, multi-criteria search, statistics, import/export and the JSON API.
public struct MembersModule: Module {
    public init() {}

    public let manifest = ModuleManifest(id: "members", name: LocalizedText(zh: "会员管理", en: "Members"), version: "1.0.0",
                                         dependencies: ["settings"])

    public var permissions: [ResourcePermissions] {
        [
            .standard("member", LocalizedText(zh: "会员", en: "Member"), extra: [
                ActionSpec("viewContact", LocalizedText(zh: "查看联系方式", en: "View contact details")),
                ActionSpec("export", LocalizedText(zh: "导出", en: "Export")),
                ActionSpec("import", LocalizedText(zh: "导入", en: "Import")),
                ActionSpec("allocatePresale", LocalizedText(zh: "售前分配", en: "Allocate pre-sale")),
                ActionSpec("allocateAftersale", LocalizedText(zh: "售后分配", en: "Allocate after-sale")),
                ActionSpec("viewDocuments", LocalizedText(zh: "查看证件资料", en: "View documents")),
                ActionSpec("manageDocuments", LocalizedText(zh: "上传/删除证件资料", en: "Upload and delete documents")),
            ]),
            ResourcePermissions(resource: "massMessage", label: LocalizedText(zh: "群发消息", en: "Mass messages"), actions: [
                ActionSpec("view", LocalizedText(zh: "查看群发记录", en: "View sends")),
                ActionSpec("send", LocalizedText(zh: "群发", en: "Send")),
            ]),
            ResourcePermissions(resource: "messageTemplate", label: LocalizedText(zh: "消息模板", en: "Message templates"),
                                actions: Array(ActionSpec.standard.prefix(4)), owned: false),
            ResourcePermissions(resource: "statistics", label: LocalizedText(zh: "会员统计", en: "Member statistics"),
                                actions: [ActionSpec("view", LocalizedText(zh: "查看", en: "View"))], owned: false),
        ]
    }

    public var migrations: [Migration] { MembersSchema.migrations }

    public var settingsSchema: [SettingSpec] {
        [SettingSpec("search_walk_threshold", default: .int(MemberListPages.walkThreshold),
                     help: "Above this many matches a member list walks its sort order instead of sorting every match.")]
    }
    public var messages: MessageCatalog { MembersMessages.catalog }
    /// `member.deleting` (payload `member_id`, `language`) is published in the delete's transaction before the row goes: a
    /// module whose records hold the member throws ``ModuleError/conflict(_:)`` with a message naming them, and nothing is deleted.
    public var publishedEvents: [String] { ["member.created", "member.allocated", "member.deleting"] }

    public var subscriptions: [EventSubscription] {
        [EventSubscription("contract.effective") { event, tx in
            guard let id = event.payload["member_id"].flatMap(Int64.init) else { return }
            try await tx.db.update("members_member").set("signed", to: 1).where("id", .equal, id).run()
        }]
    }

    public var quickSearch: QuickSearch? {
        QuickSearch(LocalizedText(zh: "UID / 用户名 / 姓名 / 手机号", en: "UID / username / name / mobile"), path: "/quick", requires: "member")
    }

    public var menu: [MenuEntry] {
        let members = LocalizedText(zh: "会员", en: "Members")
        let allocation = LocalizedText(zh: "分配/调配", en: "Allocation")
        return [
            MenuEntry(LocalizedText(zh: "会员列表", en: "All members"), path: "/", requires: "member", group: members),
            MenuEntry(LocalizedText(zh: "添加会员", en: "Add member"), path: "/new", requires: "member", "add", group: members),
            MenuEntry(LocalizedText(zh: "导入会员", en: "Import"), path: "/import", requires: "member", "import", group: members),
            MenuEntry(LocalizedText(zh: "会员统计", en: "Statistics"), path: "/stats", requires: "statistics", group: members),
            MenuEntry(LocalizedText(zh: "群发记录", en: "Mass sends"), path: "/mass", requires: "massMessage", group: members),
            MenuEntry(LocalizedText(zh: "消息模板", en: "Message templates"), path: "/templates", requires: "messageTemplate", group: members),
            MenuEntry(LocalizedText(zh: "售前待分配", en: "Pre-sale: unallocated"), path: "/allocation/presale?state=unallocated",
                      requires: "member", "allocatePresale", group: allocation),
            MenuEntry(LocalizedText(zh: "售前已分配", en: "Pre-sale: allocated"), path: "/allocation/presale?state=allocated",
                      requires: "member", "allocatePresale", group: allocation),
            MenuEntry(LocalizedText(zh: "售后待分配", en: "After-sale: unallocated"), path: "/allocation/aftersale?state=unallocated",
                      requires: "member", "allocateAftersale", group: allocation),
            MenuEntry(LocalizedText(zh: "售后已分配", en: "After-sale: allocated"), path: "/allocation/aftersale?state=allocated",
                      requires: "member", "allocateAftersale", group: allocation),
            MenuEntry(LocalizedText(zh: "分配记录", en: "Allocation records"), path: "/allocations", requires: "member", group: allocation),
        ]
    }

    public var widgets: [DashboardWidget] {
        [DashboardWidget(id: "mine", title: LocalizedText(zh: "我的会员", en: "My members"), requires: "member", maxAge: .seconds(60)) { req in
            try await MemberWidgets.summary(req)
        }]
    }

    /// Mass sends queue their messages in the background (``MassMessageJob``), soon after they are made.
    public var jobs: [BackgroundJob] {
        [BackgroundJob("mass-send", every: .seconds(2)) { host in try await MassMessageJob.runOnce(host) }]
    }

    public func routes(_ routes: inout RouteCollector) throws {
        try MemberQuickSearch().register(&routes)
        try MemberListPages().register(&routes)
        try MemberDocumentPages().register(&routes)
        try MassMessagePages().register(&routes)
        try MessageTemplatePages().register(&routes)
        try MemberFormPages().register(&routes)
        try AllocationPages().register(&routes)
        try MemberStatsPages().register(&routes)
        try MemberExportPages().register(&routes)
        try MemberImportPages().register(&routes)
        try MemberAPI().register(&routes)
    }

    public func seedDemoData(_ context: DemoContext) async throws {
        try await MemberDemoData(context: context).run()
    }
}
