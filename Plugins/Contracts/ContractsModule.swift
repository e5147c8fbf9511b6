import Members
import PluginAPI
import Settings

/// 合同管理: contract entry from the member overview, review, the finance step, flow history, lists and the
/// `contract.effective` hand-off to after-sale.
public struct ContractsModule: Module {
    public init() {}

    public let manifest = ModuleManifest(id: "contracts", name: LocalizedText(zh: "合同管理", en: "Contracts"), version: "1.0.0",
                                         dependencies: ["members", "settings"])

    public var permissions: [ResourcePermissions] {
        [.standard("contract", LocalizedText(zh: "合同", en: "Contract"), extra: [
            ActionSpec("confirmPayment", LocalizedText(zh: "确认到款（未启用财务模块时）", en: "Confirm payment (without Finance)")),
            ActionSpec("export", LocalizedText(zh: "导出", en: "Export")),
        ])]
    }

    public var migrations: [Migration] { ContractsSchema.migrations }

    public var settingsSchema: [SettingSpec] {
        [
            SettingSpec("number_format", default: .string(ContractNumber.defaultFormat),
                        help: "Contract numbers left empty: {date} is yyyyMMdd, {seq} the day's sequence."),
            SettingSpec("expiring_days", default: .int(30), help: "Contracts ending within this many days count as expiring."),
        ]
    }

    public var messages: MessageCatalog { ContractsMessages.catalog }

    public var publishedEvents: [String] {
        ["contract.submitted", "contract.withdrawn", "contract.approved", "contract.rejected", "contract.returned",
         "contract.finance_approved", "contract.effective"]
    }

    public var subscriptions: [EventSubscription] {
        [EventSubscription("member.deleting") { event, tx in try await ContractHold.memberDeleting(event, tx) }]
    }

    public var menu: [MenuEntry] {
        let group = LocalizedText(zh: "合同", en: "Contracts")
        return [
            MenuEntry(LocalizedText(zh: "全部合同", en: "All contracts"), path: "/", requires: "contract", group: group),
            MenuEntry(LocalizedText(zh: "我的草稿", en: "My drafts"), path: "/lists/drafts", requires: "contract", "add", group: group),
            MenuEntry(LocalizedText(zh: "待审合同", en: "Pending review"), path: "/lists/pending", requires: "contract", "audit", group: group),
            MenuEntry(LocalizedText(zh: "已审合同", en: "Reviewed"), path: "/lists/reviewed", requires: "contract", group: group),
            MenuEntry(LocalizedText(zh: "待付款合同", en: "Pending payment"), path: "/lists/payment", requires: "contract", group: group),
            MenuEntry(LocalizedText(zh: "首签合同", en: "First signings"), path: "/lists/first", requires: "contract", group: group),
            MenuEntry(LocalizedText(zh: "续签合同", en: "Renewals"), path: "/lists/renewal", requires: "contract", group: group),
            MenuEntry(LocalizedText(zh: "即将到期未续签", en: "Expiring, not renewed"), path: "/lists/expiring", requires: "contract", group: group),
        ]
    }

    public var widgets: [DashboardWidget] {
        [DashboardWidget(id: "contracts", title: LocalizedText(zh: "合同", en: "Contracts"), requires: "contract", maxAge: .seconds(15)) { req in
            try await ContractWidgets.card(req)
        }]
    }

    public func routes(_ routes: inout RouteCollector) throws {
        try ContractListPages().register(&routes)
        try ContractFormPages().register(&routes)
        try ContractDetailPages().register(&routes)
        try ContractExportPages().register(&routes)
    }

    public func seedDemoData(_ context: DemoContext) async throws {
        try await ContractDemoData(context: context).run()
    }
}
