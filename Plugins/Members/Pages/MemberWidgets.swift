import PluginAPI
import SQLKit

/// Dashboard card (manual 1.1): how many members the user sees, how many are theirs, and the gender ratio of theirs as a
/// pie whose legend links each gender's list.
enum MemberWidgets {
    static func summary(_ req: ModuleRequest) async throws -> HTML {
        var visible = ListQuery(table: "members_member")
        visible.filter(MemberAccess.predicate(req))
        let (total, capped) = try await visible.count(req.db)
        // Mine: as the list's matchmaker filter (`?owner=`) reads it, either owner column — the pie's links list what it counts.
        var mine = visible
        if let id = req.user?.id {
            mine.filter(SQLGroupExpression(SQLList([SQLBinaryExpression(SQLColumn("owner_id"), .equal, SQLBind(id)),
                                                    SQLBinaryExpression(SQLColumn("aftersale_owner_id"), .equal, SQLBind(id))], separator: SQLRaw(" OR "))))
        }
        let (own, ownCapped) = try await mine.count(req.db)
        let strings = req.uiStrings
        var card = HTML(raw: "<div class=\"stat\">\(escapeHTML(strings.formatTotalRows(total, capped: capped)))</div>")
            + HTML(raw: "<p class=\"muted\">\(escapeHTML(req.t("widget.mine"))): \(escapeHTML(strings.formatTotalRows(own, capped: ownCapped)))</p>")
        if let me = req.user?.id, own > 0 {
            card = card + (try await genderPie(req, mine: mine, owner: me))
        }
        return card + HTML.link(req.t("list.title"), href: "/m/members")
    }

    /// My members by gender: one GROUP BY through the owner-first indexes `(owner_id | aftersale_owner_id, gender, …)`, within
    /// visibility.
    static func genderPie(_ req: ModuleRequest, mine: ListQuery, owner: Int64) async throws -> HTML {
        let counts = try await MemberStatsPages().grouped(req, SQLColumn("gender"), filter: mine)
        let items = try await MemberStatsPages.labelled(req, "gender", counts, colors: ["male": "#3b82f6", "female": "#ec4899"]) {
            "/m/members?owner=\(owner)&gender=\($0)"
        }
        return PieChart(title: req.t("widget.gender"), items: items, size: 120).render()
    }
}
