import Members
import PluginAPI
import SQLKit

/// The member overview (会员概况, manual 4.2.1): header, actions, the full profile on demand, and the tabs
/// follow-ups, customer analysis and contracts.
struct OverviewPages: Sendable {
    static let tabs = ["notes", "analysis", "contracts"]

    func register(_ routes: inout RouteCollector) throws {
        try routes.get("/:id", .requires("workbench", "view"), show)
        try routes.post("/:id/status", .requires("workbench", "view"), changeStatus)
    }

    @Sendable func show(_ req: ModuleRequest) async throws -> ModuleResponse {
        let member = try await MemberDirectory.load(req, id: try req.id())
        let presenter = try await MemberDirectory.presenter(req, members: [member])
        let tabs = Self.tabs.filter { $0 != "analysis" || req.access.isGranted("analysis", "view") }
        let tab = tabs.contains(req.query["tab"]) ? req.query["tab"] : "notes"
        var body = try await MemberOverview.header(req, member, presenter, owner: member.ownerID)
        body += try await MemberOverview.profileSections(req, member)
        body += MemberOverview.tabs(req, member, tabs, active: tab)
        switch tab {
        case "analysis": body += try await MemberOverview.analysis(req, member, presenter)
        case "contracts": body += try await contracts(req, member)
        default: body += try await PreSaleModule.notes.timeline(req, member: member, presenter: presenter)
        }
        return .page(title: "\(member.username) · UID \(member.id)", body: body, toolbar: try await actions(req, member))
    }

    /// The buttons of the overview, each shown only when the kernel allows it (and its module is on).
    func actions(_ req: ModuleRequest, _ member: MemberRecord) async throws -> HTML {
        var html = HTML.empty
        if MemberDirectory.allows(req, member, "edit") {
            let options = try await MemberDirectory.customerStatusOptions(req)
            let form = FormView(action: "\(req.base)/\(member.id)/status", csrfToken: req.csrfToken, fields: [
                FormField(name: "customer_status", label: req.t("head.status"), kind: .select(options: options, allowEmpty: false),
                          value: member.customerStatus, required: true),
            ], submitLabel: req.t("action.save"))
            html += Modal.trigger(id: "status-modal", label: req.t("action.status"), fallbackHref: "\(req.base)/\(member.id)#status-modal")
                + Modal(id: "status-modal", title: req.t("action.status"), body: form.render(strings: req.uiStrings)).render(strings: req.uiStrings)
            html += HTML(raw: " ") + HTML.link(req.t("action.editProfile"), href: "/m/members/\(member.id)/edit", class: "btn")
            html += HTML(raw: " ") + HTML.link(req.t("action.editCriteria"), href: "/m/members/\(member.id)/edit#f-pc_age_min", class: "btn")
        }
        if req.access.isGranted("message", "send") {
            html += HTML(raw: " ") + HTML.link(req.t("action.message"), href: "\(req.base)/\(member.id)/message", class: "btn")
        }
        if req.access.forModule("contracts").isGranted("contract", "add") {
            html += HTML(raw: " ") + HTML.link(req.t("action.contract"), href: "/m/contracts/new?member=\(member.id)", class: "btn primary")
        }
        return html
    }

    func contracts(_ req: ModuleRequest, _ member: MemberRecord) async throws -> HTML {
        let rows = try await ContractFacts.of(member: member.id, db: req.db)
        guard !rows.isEmpty else { return HTML(raw: "<section class=\"card\"><p class=\"muted\">\(escapeHTML(req.t("contracts.none")))</p></section>") }
        let linked = req.access.forModule("contracts").isGranted("contract", "view")
        var html = "<section class=\"card\"><table class=\"table\"><thead><tr><th>\(escapeHTML(req.t("contracts.number")))</th><th>\(escapeHTML(req.t("contracts.kind")))</th><th>\(escapeHTML(req.t("contracts.period")))</th><th class=\"num\">\(escapeHTML(req.t("contracts.amount")))</th></tr></thead><tbody>"
        for row in rows {
            let number = linked ? "<a href=\"/m/contracts/\(row.contract_id)\">\(escapeHTML(row.number.isEmpty ? "#\(row.contract_id)" : row.number))</a>"
                                : escapeHTML(row.number.isEmpty ? "#\(row.contract_id)" : row.number)
            html += "<tr><td>\(number)</td><td>\(escapeHTML(req.t("contracts.kind.\(row.kind)")))</td><td>\(escapeHTML(row.starts_on)) – \(escapeHTML(row.ends_on))</td><td class=\"num\">\(UIFormat.yuan(row.amount))</td></tr>"
        }
        return HTML(raw: html + "</tbody></table></section>")
    }

    @Sendable func changeStatus(_ req: ModuleRequest) async throws -> ModuleResponse {
        let id = try req.id()
        do {
            try await MemberDirectory.setCustomerStatus(req, memberID: id, status: req.form["customer_status"])
        } catch let error as ModuleError where !error.fieldErrors.isEmpty {
            return .redirect("\(req.base)/\(id)", flash: .error(error.fieldErrors.values.sorted().joined(separator: " ")))
        }
        return .redirect("\(req.base)/\(id)", flash: .success(req.t("status.saved")))
    }
}
