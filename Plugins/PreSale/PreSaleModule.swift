import Foundation
import Members
import PluginAPI
import Settings
import SQLKit

/// 售前管理: the pre-sale workbench, follow-up notes, customer analysis, reminders and front registration.
public struct PreSaleModule: Module {
    public init() {}

    public let manifest = ModuleManifest(id: "presale", name: LocalizedText(zh: "售前管理", en: "Pre-sale"), version: "1.0.0",
                                         dependencies: ["members", "settings"])

    public var permissions: [ResourcePermissions] {
        [
            ResourcePermissions(resource: "workbench", label: LocalizedText(zh: "售前工作台", en: "Pre-sale workbench"),
                                actions: [ActionSpec("view", LocalizedText(zh: "查看", en: "View"))], owned: false),
            .standard("note", LocalizedText(zh: "跟进小计", en: "Follow-up note")),
            ResourcePermissions(resource: "analysis", label: LocalizedText(zh: "客户分析", en: "Customer analysis"),
                                actions: [ActionSpec("view", LocalizedText(zh: "查看", en: "View")),
                                          ActionSpec("export", LocalizedText(zh: "导出", en: "Export"))], owned: false),
            ResourcePermissions(resource: "message", label: LocalizedText(zh: "发送消息", en: "Messages to members"),
                                actions: [ActionSpec("send", LocalizedText(zh: "发送", en: "Send"))], owned: false),
            ResourcePermissions(resource: "registration", label: LocalizedText(zh: "前台会员登记", en: "Front registration"),
                                actions: [ActionSpec("edit", LocalizedText(zh: "设置必填项", en: "Set required fields"))], owned: false),
        ]
    }

    /// The shared follow-up note component over `presale_note`; a note sets the member's last and next contact times.
    static let notes = FollowUpNotes(table: "presale_note") { tx, memberID, latest in
        try await MemberDirectory.recordContact(tx, memberID: memberID, at: latest?.contactAt, next: latest?.nextContactAt)
    }

    public var migrations: [Migration] { PreSaleSchema.migrations }

    public var settingsSchema: [SettingSpec] {
        [
            SettingSpec("expiring_days", default: .int(30), help: "Contracts ending within this many days count as expiring."),
            SettingSpec("register_limit", default: .int(5), help: "Front registrations allowed per client address per hour."),
        ]
    }

    public var messages: MessageCatalog { PreSaleMessages.catalog }

    public var subscriptions: [EventSubscription] {
        [EventSubscription("contract.effective") { event, tx in try await ContractFacts.record(event, tx) }]
    }

    public var menu: [MenuEntry] {
        let front = LocalizedText(zh: "前台", en: "Front desk")
        let members = LocalizedText(zh: "售前会员", en: "Pre-sale members")
        let contracts = LocalizedText(zh: "合同", en: "Contracts")
        let birthdays = LocalizedText(zh: "生日提醒", en: "Birthdays")
        return [
            MenuEntry(LocalizedText(zh: "前台咨询", en: "Front consultations"), path: "/", requires: "consultation", group: front, in: "consult"),
            MenuEntry(LocalizedText(zh: "前台会员登记", en: "Front registration"), path: "/registration", requires: "registration", "edit", group: front),
            MenuEntry(LocalizedText(zh: "未跟进会员", en: "Not followed up"), path: "/lists/new", requires: "workbench", group: members),
            MenuEntry(LocalizedText(zh: "已跟进会员", en: "Followed up"), path: "/lists/followed", requires: "workbench", group: members),
            MenuEntry(LocalizedText(zh: "待跟进（今日及逾期）", en: "Follow-ups due"), path: "/lists/due", requires: "workbench", group: members),
            MenuEntry(LocalizedText(zh: "添加会员", en: "Add member"), path: "/new", requires: "member", "add", group: members, in: "members"),
            MenuEntry(LocalizedText(zh: "未签约会员", en: "Unsigned"), path: "/lists/unsigned", requires: "workbench", group: members),
            MenuEntry(LocalizedText(zh: "合同即将到期", en: "Contracts expiring"), path: "/lists/expiring", requires: "workbench", group: members),
            MenuEntry(LocalizedText(zh: "合同过期未续签", en: "Expired, not renewed"), path: "/lists/expired", requires: "workbench", group: members),
            MenuEntry(LocalizedText(zh: "首签合同", en: "First signings"), path: "/lists/first", requires: "contract", group: contracts, in: "contracts"),
            MenuEntry(LocalizedText(zh: "续签合同", en: "Renewals"), path: "/lists/renewal", requires: "contract", group: contracts, in: "contracts"),
            MenuEntry(LocalizedText(zh: "今日生日", en: "Birthdays today"), path: "/lists/birthday-today", requires: "workbench", group: birthdays),
            MenuEntry(LocalizedText(zh: "本月生日", en: "Birthdays this month"), path: "/lists/birthday-month", requires: "workbench", group: birthdays),
        ]
    }

    public var widgets: [DashboardWidget] {
        [
            DashboardWidget(id: "reminders", title: LocalizedText(zh: "售前提醒", en: "Pre-sale reminders"), requires: "workbench",
                            maxAge: .seconds(30)) { req in try await PreSaleWidgets.reminders(req) },
            DashboardWidget(id: "numbers", title: LocalizedText(zh: "我的业绩", en: "My numbers"), requires: "workbench",
                            maxAge: .seconds(30)) { req in try await PreSaleWidgets.numbers(req) },
        ]
    }

    public func routes(_ routes: inout RouteCollector) throws {
        try WorkbenchPages().register(&routes)
        try OverviewPages().register(&routes)
        try Self.notes.register(&routes)
        try MemberOverview.registerAnalysis(&routes)
        try RegistrationPages().register(&routes)
        try MemberMessageForm().register(&routes)
    }

    public func seedDemoData(_ context: DemoContext) async throws {
        try await PreSaleDemoData(context: context).run()
    }
}
