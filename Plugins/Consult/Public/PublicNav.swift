import PluginAPI

/// The links between the module's public pages (咨询 · 红娘团队 · 关于我们), above each of them.
enum PublicNav {
    static let pages: [(path: String, key: String)] = [("/consult", "nav.consult"), ("/matchmakers", "nav.matchmakers"), ("/about", "nav.about")]

    static func render(_ req: ModuleRequest, current: String) -> HTML {
        let links = pages.map { page -> String in
            let current = page.path == current ? " aria-current=\"page\" class=\"current\"" : ""
            return "<a href=\"\(page.path)\"\(current)>\(escapeHTML(req.t(page.key)))</a>"
        }
        return HTML(raw: "<nav class=\"public-nav\">" + links.joined(separator: " ") + "</nav>")
    }
}
