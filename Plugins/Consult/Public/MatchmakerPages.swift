import PluginAPI

/// 红娘团队 (manual 1.4): the staff shown on the public site, paged with the Settings page size, and one page per
/// matchmaker with "contact this matchmaker".
struct MatchmakerPages: Sendable {
    func register(_ routes: inout RouteCollector) throws {
        try routes.root(.get, "/matchmakers", list)
        try routes.root(.get, "/matchmakers/:id", detail)
    }

    static func avatar(_ profile: PublicStaffProfile) -> HTML {
        profile.avatar.isEmpty
            ? HTML(raw: "<span class=\"avatar large placeholder\" aria-hidden=\"true\">\(escapeHTML(String(profile.name.prefix(1))))</span>")
            : HTML(raw: "<img class=\"avatar large\" src=\"\(escapeAttr(profile.avatar))\" alt=\"\(escapeAttr(profile.name))\">")
    }

    static func contacts(_ req: ModuleRequest, _ profile: PublicStaffProfile) -> HTML {
        guard !profile.contacts.isEmpty else { return .empty }
        let items = profile.contacts.map { contact in
            "<li><span class=\"muted\">\(escapeHTML(req.t("contact.\(contact.kind.rawValue)")))</span> \(escapeHTML(contact.value))</li>"
        }
        return HTML(raw: "<ul class=\"contacts\">" + items.joined() + "</ul>")
    }

    static func contactButton(_ req: ModuleRequest, _ profile: PublicStaffProfile) -> HTML {
        HTML.link(req.t("public.contactMatchmaker"), href: "/consult?matchmaker=\(profile.id)", class: "btn primary")
    }

    @Sendable func list(_ req: ModuleRequest) async throws -> ModuleResponse {
        let site = req.site
        let pageSize = site.int("page_size.public_matchmakers", in: 1...100)
        let requested = max(1, min(req.query.int("page") ?? 1, 100_000))
        let (staff, total) = try await req.host.publicStaff(page: requested, pageSize: pageSize)
        var cards = staff.map { profile -> String in
            var card = "<article class=\"card matchmaker\">" + Self.avatar(profile).raw
            card += "<h2><a href=\"/matchmakers/\(profile.id)\">\(escapeHTML(profile.name))</a></h2>"
            if !profile.motto.isEmpty { card += "<p class=\"motto\">\(escapeHTML(profile.motto))</p>" }
            if !profile.experience.isEmpty { card += "<p class=\"muted\">\(escapeHTML(String(profile.experience.prefix(80))))</p>" }
            card += Self.contacts(req, profile).raw
            card += "<p>" + HTML.link(req.t("public.more"), href: "/matchmakers/\(profile.id)", class: "btn").raw + " "
                + Self.contactButton(req, profile).raw + "</p></article>"
            return card
        }
        if cards.isEmpty { cards = ["<p class=\"muted\">\(escapeHTML(req.t("public.noMatchmakers")))</p>"] }
        let paging = PagedTable(columns: [], rows: [], page: PageInfo(page: requested, pageSize: pageSize, total: total), baseURL: "/matchmakers")
        let body = PublicNav.render(req, current: "/matchmakers") + HTML(raw: "<div class=\"matchmaker-grid\">" + cards.joined() + "</div>")
            + paging.renderPagination(strings: req.uiStrings)
        return .page(title: req.t("public.team"), body: body)
    }

    @Sendable func detail(_ req: ModuleRequest) async throws -> ModuleResponse {
        guard let profile = try await req.host.publicStaff(id: try req.id()) else { throw ModuleError.notFound }
        var body = PublicNav.render(req, current: "/matchmakers") + HTML(raw: "<section class=\"card matchmaker-detail\">") + Self.avatar(profile)
        if !profile.motto.isEmpty { body += HTML(raw: "<p class=\"motto\">\(escapeHTML(profile.motto))</p>") }
        body += Self.contacts(req, profile)
        for (key, text) in [("public.introduction", profile.introduction), ("public.experience", profile.experience)] where !text.isEmpty {
            body += HTML(raw: "<h2>\(escapeHTML(req.t(key)))</h2>") + HTML.paragraphs(text)
        }
        body += HTML(raw: "<p>") + Self.contactButton(req, profile) + HTML(raw: "</p></section>")
        return .page(title: profile.name, body: body)
    }
}
