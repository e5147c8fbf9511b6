import Members
import PluginAPI
import SQLKit

/// The after-sale member overview: PreSale's layout (Members' shared header, full profile, edit here) with the after-sale
/// tabs follow-ups, appointments, customer analysis and matching.
struct OverviewPages: Sendable {
    static let tabs = ["notes", "appointments", "analysis", "matching"]

    func register(_ routes: inout RouteCollector) throws {
        try routes.get("/:id", .requires("workbench", "view"), show)
        try MemberOverview.registerStatusChange(&routes)
    }

    @Sendable func show(_ req: ModuleRequest) async throws -> ModuleResponse {
        let member = try await MemberDirectory.load(req, id: try req.id())
        let presenter = try await MemberDirectory.presenter(req, members: [member])
        let tabs = Self.tabs.filter { name in
            switch name {
            case "analysis": return req.access.isGranted("analysis", "view")
            case "appointments": return req.access.isGranted("appointment", "view")
            case "matching": return req.access.isGranted("match", "view")
            default: return true
            }
        }
        let tab = tabs.contains(req.query["tab"]) ? req.query["tab"] : "notes"
        var body = try await MemberOverview.header(req, member, presenter, owner: member.aftersaleOwnerID)
        body += try await MemberOverview.profileSections(req, member)
        body += MemberOverview.tabs(req, member, tabs, active: tab)
        switch tab {
        case "analysis": body += try await MemberOverview.analysis(req, member, presenter)
        case "appointments": body += try await AppointmentTable(req: req).memberTab(member)
        case "matching": body += try await MatchResultPages.memberTab(req, member)
        default: body += try await AfterSaleContact.notes.timeline(req, member: member, presenter: presenter)
        }
        return .page(title: "\(member.username) · UID \(member.id)", body: body, toolbar: try await actions(req, member))
    }

    /// The buttons of the overview, each shown only when the kernel allows it: Members' shared actions (customer status,
    /// message, renewal contract — as PreSale's overview shows them), then the after-sale ones.
    func actions(_ req: ModuleRequest, _ member: MemberRecord) async throws -> HTML {
        var links = [try await MemberOverview.statusAction(req, member)]
        if MemberDirectory.allows(req, member, "edit") {
            links.append(HTML.link(req.t("action.editProfile"), href: "/m/members/\(member.id)/edit", class: "btn"))
            links.append(HTML.link(req.t("action.editCriteria"), href: "/m/members/\(member.id)/edit#f-pc_age_min", class: "btn"))
        }
        links += [MemberOverview.messageAction(req, member), MemberOverview.contractAction(req, member)]
        if req.access.isGranted("match", "add") {
            links.append(HTML.link(req.t("action.match"), href: "\(req.base)/\(member.id)/match", class: "btn primary"))
        }
        if req.access.isGranted("appointment", "add") {
            links.append(HTML.link(req.t("appointment.new"), href: "\(req.base)/appointments/new?a=\(member.id)", class: "btn"))
        }
        if req.access.isGranted("entrustment", "add") {
            links.append(HTML.link(req.t("entrustment.new"), href: "\(req.base)/entrustments/new?member=\(member.id)", class: "btn"))
        }
        return HTML.join(links.filter { !$0.raw.isEmpty }, separator: HTML(raw: " "))
    }
}
