import Foundation
import Hummingbird
import Kernel
import PluginAPI

/// Builds the staff layout (top module tabs, left menu, content) and the public layout around page content.
struct Layout: Sendable {
    let host: YuelaoHost

    struct Link { let label: String; let href: String; let active: Bool; let group: String? }

    /// The module tabs the user may open: the dashboard, then each module with at least one visible menu entry.
    func tabs(prepared: Pipeline.Prepared, moduleID: String) -> [Link] {
        let lang = prepared.language
        var tabs = [Link(label: host.catalog.text("core.nav.dashboard", lang), href: "/", active: moduleID == "dashboard", group: nil)]
        for module in host.modules.dropFirst() + host.modules.prefix(1) {
            let entries = menu(of: module, prepared: prepared, currentPath: "")
            guard let first = entries.first else { continue }
            let label = module.id == "core" ? host.catalog.text("core.nav.system", lang) : module.manifest.name(lang.rawValue)
            tabs.append(Link(label: label, href: first.href, active: module.id == moduleID, group: nil))
        }
        return tabs
    }

    /// The top bar's search: the first module declaring one whose permission the user holds.
    func quickSearch(prepared: Pipeline.Prepared) -> (action: String, placeholder: String)? {
        guard let actor = prepared.actor else { return nil }
        for module in host.modules {
            guard let quick = module.quickSearch,
                  prepared.snapshot.isGranted(PermissionKey(module: module.id, resource: quick.resource, action: quick.action), to: actor) else { continue }
            return ("/m/\(module.id)\(quick.path)", quick.placeholder(prepared.language.rawValue))
        }
        return nil
    }

    /// The visible menu entries of `module`.
    func menu(of module: any Module, prepared: Pipeline.Prepared, currentPath: String) -> [Link] {
        guard let actor = prepared.actor else { return [] }
        return module.menu.compactMap { entry in
            let target = entry.module ?? module.id
            guard target == module.id || host.modules.contains(where: { $0.id == target }) else { return nil }
            let key = PermissionKey(module: target, resource: entry.resource, action: entry.action)
            guard prepared.snapshot.isGranted(key, to: actor) else { return nil }
            let href = "/m/\(target)\(entry.path)"
            let active = currentPath == href || (entry.path != "/" && currentPath.hasPrefix(href + "/"))
            return Link(label: entry.label(prepared.language.rawValue), href: href, active: active,
                        group: entry.group?(prepared.language.rawValue))
        }
    }

    /// The menu entry to highlight: the exact URL (with its query) first, then the same path, then the longest path prefix.
    static func activeIndex(_ hrefs: [String], path: String, query: String) -> Int? {
        let full = query.isEmpty ? path : "\(path)?\(query)"
        func bare(_ href: String) -> String { String(href.split(separator: "?", maxSplits: 1).first ?? "") }
        func normal(_ p: String) -> String { p.count > 1 && p.hasSuffix("/") ? String(p.dropLast()) : p }
        if let exact = hrefs.firstIndex(where: { $0 == full }) { return exact }
        if let queried = hrefs.firstIndex(where: { $0.contains("?") && full.hasPrefix($0) }) { return queried }
        if let same = hrefs.firstIndex(where: { normal(bare($0)) == normal(path) }) { return same }
        return hrefs.indices.filter { path.hasPrefix(normal(bare(hrefs[$0])) + "/") }.max { bare(hrefs[$0]).count < bare(hrefs[$1]).count }
    }

    /// Renders a staff page; consumes the session's flash message.
    func staffPage(_ page: Page, request: Request, moduleID: String, prepared: Pipeline.Prepared) async throws -> String {
        let lang = prepared.language
        var flashes: [(kind: String, text: String)] = []
        if let session = prepared.session, let text = session.flash,
           let flash = try? JSONDecoder().decode(Flash.self, from: Data(text.utf8)) {
            flashes.append((flash.kind, flash.text))
            try await host.sessions.setFlash(nil, sessionID: session.id)
        }
        let module = host.modules.first { $0.id == moduleID }
        var menuLinks = module.map { menu(of: $0, prepared: prepared, currentPath: "") } ?? []
        if let active = Self.activeIndex(menuLinks.map(\.href), path: request.uri.path, query: request.uri.query ?? "") {
            let l = menuLinks[active]
            menuLinks[active] = Link(label: l.label, href: l.href, active: true, group: l.group)
        }
        let user = prepared.session?.user
        // The top bar's search box, keeping the query on its own result page.
        let quick = quickSearch(prepared: prepared).map { search in
            let q = request.uri.path == search.action ? (request.uri.queryParameters["q"].map(String.init) ?? "") : ""
            return (search.action, search.placeholder, q)
        }
        return Self.markup(StaffFrame(
            lang: lang.rawValue, title: page.title, agency: prepared.site.agencyName, logo: prepared.site["agency.logo"],
            tabs: tabs(prepared: prepared, moduleID: moduleID), menu: menuLinks, quick: quick, flashes: flashes,
            content: page.body.raw, toolbar: page.toolbar.raw, csrf: prepared.session?.csrf ?? "",
            userName: user?.name ?? "", roleName: user?.roleName ?? "",
            otherLang: lang == .en ? "zh-CN" : "en", otherLangLabel: lang == .en ? "中文" : "English",
            logout: host.catalog.text("core.nav.logout", lang)))
    }

    /// Renders a public page with the agency's branding.
    func publicPage(_ page: Page, prepared: Pipeline.Prepared) -> String {
        let site = prepared.site
        return Self.markup(PublicFrame(
            lang: prepared.language.rawValue, title: page.title, agency: site.agencyName, logo: site["agency.logo"],
            hotlineLabel: host.catalog.text("core.public.hotline", prepared.language), hotline: site["agency.hotline"],
            address: site["agency.address"], email: site["agency.email"],
            staffLogin: host.catalog.text("core.public.staffLogin", prepared.language), content: page.body.raw))
    }
}
