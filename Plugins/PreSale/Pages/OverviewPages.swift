import Members
import PluginAPI
import SQLKit

/// The member overview (会员概况, manual 4.2.1): header, actions, the full profile on demand, and the tabs
/// follow-ups, customer analysis and contracts.
struct OverviewPages: Sendable {
    static let tabs = ["notes", "analysis", "contracts"]

    func register(_ routes: inout RouteCollector) throws {
        try routes.get("/:id", .requires("workbench", "view"), show)
        try MemberOverview.registerStatusChange(&routes)
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

    /// The buttons of the overview, each shown only when the kernel allows it (and its module is on): Members' shared
    /// actions, as AfterSale's overview shows them.
    func actions(_ req: ModuleRequest, _ member: MemberRecord) async throws -> HTML {
        var links = [try await MemberOverview.statusAction(req, member)]
        if MemberDirectory.allows(req, member, "edit") {
            links.append(HTML.link(req.t("action.editProfile"), href: "/m/members/\(member.id)/edit", class: "btn"))
            links.append(HTML.link(req.t("action.editCriteria"), href: "/m/members/\(member.id)/edit#f-pc_age_min", class: "btn"))
        }
        links += [MemberOverview.messageAction(req, member), MemberOverview.contractAction(req, member)]
        return HTML.join(links.filter { !$0.raw.isEmpty }, separator: HTML(raw: " "))
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
}
