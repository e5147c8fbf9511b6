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
        var body = try await header(req, member, presenter)
        body += HTML(raw: "<details class=\"card\"><summary>\(escapeHTML(req.t("action.showMore")))</summary>")
            + (try await MemberDirectory.profile(req, member)) + HTML(raw: "</details>")
        if MemberDirectory.allows(req, member, "edit") {
            body += HTML(raw: "<details class=\"card\" id=\"edit-profile\"><summary>\(escapeHTML(req.t("action.editInPlace")))</summary>")
                + (try await MemberDirectory.editForm(req, member, returnTo: "\(req.base)/\(member.id)")) + HTML(raw: "</details>")
        }
        body += HTML(raw: "<nav class=\"tabs\" aria-label=\"tabs\">" + tabs.map { name in
            "<a href=\"\(req.base)/\(member.id)?tab=\(name)\"\(name == tab ? " class=\"active\" aria-current=\"page\"" : "")>\(escapeHTML(req.t("tab.\(name)")))</a>"
        }.joined(separator: " ") + "</nav>")
        switch tab {
        case "analysis": body += try await AnalysisView(req: req, member: member, presenter: presenter).render()
        case "contracts": body += try await contracts(req, member)
        default: body += try await NoteTimeline(req: req, member: member, presenter: presenter).render()
        }
        return .page(title: "\(member.username) · UID \(member.id)", body: body, toolbar: try await actions(req, member))
    }

    func header(_ req: ModuleRequest, _ member: MemberRecord, _ presenter: MemberPresenter) async throws -> HTML {
        let hukouCodes = [member["hukou_province"], member["hukou_city"], member["hukou_district"]].filter { !$0.isEmpty }
        let names = try await req.host.regions.names(Set(hukouCodes))
        let hukou = hukouCodes.compactMap { names[$0] }.joined(separator: " ")
        let age = member.age(today: presenter.today).map(String.init) ?? "—"
        let avatar = member.avatar.isEmpty ? "" : "<img class=\"avatar large\" src=\"\(escapeAttr(member.avatar))\" alt=\"\">"
        func item(_ key: String, _ value: String) -> String {
            "<dt>\(escapeHTML(req.t(key)))</dt><dd>\(escapeHTML(value.isEmpty ? "—" : value))</dd>"
        }
        var html = "<section class=\"card member-head\">\(avatar)<dl class=\"profile\">"
        html += item("head.uid", String(member.id))
        html += "<dt>\(escapeHTML(MemberRegistration.label(req, "username")))</dt><dd><strong>\(escapeHTML(member.username))</strong></dd>"
        html += "<dt>\(escapeHTML(MemberRegistration.label(req, "gender")))</dt><dd>\(escapeHTML(presenter.label("gender", member.gender)))</dd>"
        html += item("head.age", age) + item("head.region", presenter.region(member)) + item("head.hukou", hukou)
        html += item("head.marital", presenter.label("marital_status", member["marital_status"]))
        html += item("head.status", presenter.label("customer_status", member.customerStatus))
        html += item("head.owner", presenter.staffName(member.ownerID))
        html += item("head.lastContact", presenter.time(member.lastContactAt)) + item("head.nextContact", presenter.time(member.nextContactAt))
        html += "</dl>"
        let site = try await req.host.site.all()
        if !site["agency.site_url"].isEmpty {
            let url = site["agency.site_url"].hasSuffix("/") ? String(site["agency.site_url"].dropLast()) : site["agency.site_url"]
            html += "<p><a href=\"\(escapeAttr("\(url)/member/\(member.id)"))\" target=\"_blank\" rel=\"noopener\">\(escapeHTML(req.t("action.publicPage")))</a></p>"
        }
        return HTML(raw: html + "</section>")
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
