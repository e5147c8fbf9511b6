import Contracts
import PluginAPI
import SQLKit

/// 财务管理: contract payments and their approval (with the security password), the contract's finance step,
/// and the receipts statistics.
public struct FinanceModule: Module {
    public init() {}

    public let manifest = ModuleManifest(id: "finance", name: LocalizedText(zh: "财务管理", en: "Finance"), version: "1.0.0",
                                         dependencies: ["contracts", "members", "settings"])

    public var permissions: [ResourcePermissions] {
        [
            .standard("payment", LocalizedText(zh: "合同款项", en: "Payment")),
            ResourcePermissions(resource: "statistics", label: LocalizedText(zh: "财务报表", en: "Finance statistics"),
                                actions: [ActionSpec("view", LocalizedText(zh: "查看", en: "View")),
                                          ActionSpec("export", LocalizedText(zh: "导出", en: "Export"))], owned: false),
        ]
    }

    public var migrations: [Migration] { FinanceSchema.migrations }

    public var settingsSchema: [SettingSpec] {
        [SettingSpec("number_format", default: .string(Ledger.defaultFormat), help: "Payment numbers: {date} is yyyyMMdd, {seq} the day's sequence.")]
    }

    public var messages: MessageCatalog { FinanceMessages.catalog }

    public var panels: [RecordPanel] {
        [RecordPanel(slot: ContractPaymentsPanel.slot) { req, id in try await ContractPaymentsPanel.render(req, id) }]
    }

    public var subscriptions: [EventSubscription] {
        [EventSubscription("contract.approved") { event, tx in try await Ledger.firstPayment(event, tx) }]
    }

    public var menu: [MenuEntry] {
        let payments = LocalizedText(zh: "付款管理", en: "Payments")
        let reports = LocalizedText(zh: "财务报表", en: "Reports")
        return [
            MenuEntry(LocalizedText(zh: "待审核款项", en: "Pending review"), path: "/payments?state=pending", requires: "payment", group: payments),
            MenuEntry(LocalizedText(zh: "已审核款项", en: "Reviewed"), path: "/payments?state=reviewed", requires: "payment", group: payments),
            MenuEntry(LocalizedText(zh: "收款统计", en: "Receipts"), path: "/stats", requires: "statistics", group: reports),
        ]
    }

    public var widgets: [DashboardWidget] {
        [DashboardWidget(id: "pending", title: LocalizedText(zh: "待审核款项", en: "Payments to review"), requires: "payment", "audit",
                         maxAge: .seconds(15)) { req in
            var list = ListQuery(table: "finance_payment")
            list.filter("status", .equal, "pending")
            list.filter(req.access.ownerPredicate("payment", action: "audit", column: "owner_id"))
            let (total, capped) = try await list.count(req.db)
            return HTML(raw: "<div class=\"stat\">\(UIFormat.grouped(total))\(capped ? "+" : "")</div>")
                + HTML.link(req.t("list.pending"), href: "\(req.base)/payments?state=pending")
        }]
    }

    public func routes(_ routes: inout RouteCollector) throws {
        try PaymentListPages().register(&routes)
        try PaymentReviewPages().register(&routes)
        try ContractPaymentPages().register(&routes)
        try FinanceStatsPages().register(&routes)
    }

    public func seedDemoData(_ context: DemoContext) async throws {
        try await FinanceDemoData(context: context).run()
    }
}
