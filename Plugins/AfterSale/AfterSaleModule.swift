import Foundation
import Members
import PluginAPI
import Settings
import SQLKit

/// 售后管理: the after-sale workbench, front entrustments, partner matching, recommendations, appointments and their evaluation.
public struct AfterSaleModule: Module {
    public init() {}

    public let manifest = ModuleManifest(id: "aftersale", name: LocalizedText(zh: "售后管理", en: "After-sale"), version: "1.0.0",
                                         dependencies: ["members", "settings"])

    public var permissions: [ResourcePermissions] {
        [
            ResourcePermissions(resource: "workbench", label: LocalizedText(zh: "售后工作台", en: "After-sale workbench"),
                                actions: [ActionSpec("view", LocalizedText(zh: "查看", en: "View"))], owned: false),
            .standard("note", LocalizedText(zh: "售后跟进小计", en: "After-sale follow-up note")),
            ResourcePermissions(resource: "message", label: LocalizedText(zh: "发送消息", en: "Messages to members"),
                                actions: [ActionSpec("send", LocalizedText(zh: "发送", en: "Send"))], owned: false),
            ResourcePermissions(resource: "analysis", label: LocalizedText(zh: "客户分析", en: "Customer analysis"),
                                actions: [ActionSpec("view", LocalizedText(zh: "查看", en: "View")),
                                          ActionSpec("export", LocalizedText(zh: "导出", en: "Export"))], owned: false),
            .standard("entrustment", LocalizedText(zh: "前台委托", en: "Front entrustment"),
                      extra: [ActionSpec("allocate", LocalizedText(zh: "分配", en: "Assign"))]),
            .standard("match", LocalizedText(zh: "配对", en: "Matching"),
                      extra: [ActionSpec("recommend", LocalizedText(zh: "推荐", en: "Recommend"))]),
            .standard("appointment", LocalizedText(zh: "约见", en: "Appointment"),
                      extra: [ActionSpec("evaluate", LocalizedText(zh: "评价", en: "Evaluate"))]),
        ]
    }

    public var migrations: [Migration] { AfterSaleSchema.migrations }

    public var messages: MessageCatalog { AfterSaleMessages.catalog }

    public var publishedEvents: [String] { ["appointment.completed", "match.recommended"] }

    public var subscriptions: [EventSubscription] {
        [EventSubscription("contract.effective") { event, tx in try await ServiceContracts.record(event, tx) }]
    }

    public var menu: [MenuEntry] { AfterSaleMenu.entries }

    public var widgets: [DashboardWidget] {
        [DashboardWidget(id: "reminders", title: LocalizedText(zh: "售后提醒", en: "After-sale reminders"), requires: "workbench",
                         maxAge: .seconds(30)) { req in try await AfterSaleWidgets.reminders(req) }]
    }

    public func routes(_ routes: inout RouteCollector) throws {
        try WorkbenchPages().register(&routes)
        try EntrustmentPages().register(&routes)
        try MatchPages().register(&routes)
        try MatchResultPages().register(&routes)
        try AppointmentListPages().register(&routes)
        try AppointmentFormPages().register(&routes)
        try AppointmentActionPages().register(&routes)
        try AfterSaleContact.notes.register(&routes)
        try MemberMessageForm().register(&routes)
        try MemberOverview.registerAnalysis(&routes)
        try OverviewPages().register(&routes)
    }

    public func seedDemoData(_ context: DemoContext) async throws {
        try await AfterSaleDemoData(context: context).run()
    }
}
