import PluginAPI
import SQLKit

/// Dashboard card: how many members the user sees, how many are theirs, and today's follow-ups due.
enum MemberWidgets {
    static func summary(_ req: ModuleRequest) async throws -> HTML {
        var visible = ListQuery(table: "members_member")
        visible.filter(MemberAccess.predicate(req))
        let (total, capped) = try await visible.count(req.db)
        var mine = ListQuery(table: "members_member")
        if let id = req.user?.id { mine.filter("owner_id", .equal, id) }
        let (own, ownCapped) = try await mine.count(req.db)
        let strings = req.uiStrings
        return HTML(raw: "<div class=\"stat\">\(escapeHTML(strings.formatTotalRows(total, capped: capped)))</div>")
            + HTML(raw: "<p class=\"muted\">\(escapeHTML(req.t("widget.mine"))): \(escapeHTML(strings.formatTotalRows(own, capped: ownCapped)))</p>")
            + HTML.link(req.t("list.title"), href: "/m/members")
    }
}
