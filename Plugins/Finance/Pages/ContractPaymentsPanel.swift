import Contracts
import PluginAPI

/// A contract's payments on the contract page (the `contracts.contract` panel): payment state, amount approved, each
/// payment, and the way to the contract's finance page. Shown to users who may see payments of the contract's author.
enum ContractPaymentsPanel {
    static let slot = "contracts.contract"

    static func render(_ req: ModuleRequest, _ contractID: Int64) async throws -> HTML? {
        guard let contract = try await ContractRecord.find(contractID, db: req.db),
              req.access.decide("payment", "view", owner: contract.author_id) == .allowed else { return nil }
        let payments = try await PaymentRecord.of(contract: contract.id, db: req.db)
        let approved = payments.filter { $0.status == "approved" }.reduce(Int64(0)) { $0 + $1.amount }
        let state = PaymentState.of(total: contract.total_amount, approved: approved)
        let summary = "<p class=\"panel-summary\">\(escapeHTML(req.t("contract.state"))): <strong>\(escapeHTML(req.t("state.\(state.rawValue)")))</strong>"
            + " · \(escapeHTML(req.t("contract.approved"))) ¥\(escapeHTML(UIFormat.yuan(approved))) / ¥\(escapeHTML(UIFormat.yuan(contract.total_amount)))"
            + " · <a href=\"\(req.base)/contracts/\(contract.id)\">\(escapeHTML(req.t("contract.openFinance")))</a></p>"
        return HTML(raw: "<section class=\"card\" id=\"contract-payments\"><h2>\(escapeHTML(req.t("contract.payments")))</h2>\(summary)")
            + table(req, contract, payments) + HTML(raw: "</section>")
    }

    /// The payments of `contract`, each linking to its payment page.
    static func table(_ req: ModuleRequest, _ contract: ContractRecord, _ payments: [PaymentRecord]) -> HTML {
        PagedTable(
            columns: [TableColumn(key: "number", label: req.t("field.number")), TableColumn(key: "amount", label: req.t("field.amount"), numeric: true),
                      TableColumn(key: "kind", label: req.t("field.kind")), TableColumn(key: "paid_on", label: req.t("field.paid_on")),
                      TableColumn(key: "status", label: req.t("field.status")), TableColumn(key: "remark", label: req.t("field.review_remark"))],
            rows: payments.map { p in
                TableRow(id: String(p.id), cells: [HTML.link(p.number, href: "\(req.base)/payments/\(p.id)"), .text(UIFormat.yuan(p.amount)),
                                                   .text(req.t("kind.\(p.kind)")), .text(p.paid_on), .text(req.t("status.\(p.status)")), .text(p.review_remark)])
            },
            page: PageInfo(page: 1, pageSize: max(payments.count, 1), total: payments.count), baseURL: "\(req.base)/contracts/\(contract.id)",
            id: "payments").render(strings: req.uiStrings)
    }
}
