import Foundation
import PluginAPI

/// 关于我们 (manual 7.1): the site setting `agency.about`, edited under Settings, shown as escaped paragraphs.
struct AboutPages: Sendable {
    func register(_ routes: inout RouteCollector) throws {
        try routes.root(.get, "/about", about)
    }

    @Sendable func about(_ req: ModuleRequest) async throws -> ModuleResponse {
        let site = req.site
        let text = site["agency.about"]
        var body = PublicNav.render(req, current: "/about") + HTML(raw: "<section class=\"card about\">")
        body += text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty
            ? HTML(raw: "<p class=\"muted\">\(escapeHTML(req.t("public.aboutEmpty")))</p>") : HTML.paragraphs(text)
        body += HTML(raw: "</section>")
        return .page(title: "\(req.t("nav.about")) · \(site.agencyName)", body: body)
    }
}
