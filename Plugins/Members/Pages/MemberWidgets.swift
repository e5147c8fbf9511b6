import PluginAPI
import SQLKit

/// Dashboard card (manual 1.1): how many members the user sees, how many are theirs, and the gender ratio of theirs as a
/// pie whose legend links each gender's list.
enum MemberWidgets {
    static func summary(_ req: ModuleRequest) async throws -> HTML {
        var visible = ListQuery(table: "members_member")
        visible.filter(MemberAccess.predicate(req))
        let (total, capped) = try await visible.count(req.db)
        let strings = req.uiStrings
        var card = HTML(raw: "<div class=\"stat\">\(escapeHTML(strings.formatTotalRows(total, capped: capped)))</div>")
        if let me = req.user?.id {
            let counts = try await mine(req, me, visible: visible)
            let own = counts.reduce(0) { $0 + $1.1 }
            card += HTML(raw: "<p class=\"muted\">\(escapeHTML(req.t("widget.mine"))): \(escapeHTML(strings.formatTotalRows(own, capped: false)))</p>")
            if own > 0 { card += try await genderPie(req, counts, owner: me) }
        }
        return card + HTML.link(req.t("list.title"), href: "/m/members")
    }

    /// My members by gender — mine as the list's matchmaker filter (`?owner=`) reads it, either owner column, so the pie's
    /// links list what it counts. When the kernel lets the user see the members they own (it does for every scope), the
    /// pre-sale and after-sale counts are read from the two owner-first indexes `(owner, gender, …)` and the members owning
    /// both counted once (a team lead's 29,000 members at 1 M: 5 ms, where one OR over the table took 90 ms); otherwise
    /// one query within the visibility predicate.
    static func mine(_ req: ModuleRequest, _ me: Int64, visible: ListQuery) async throws -> [(String, Int)] {
        let stats = MemberStatsPages()
        func by(_ owners: [String], _ filter: ListQuery = ListQuery(table: "members_member")) async throws -> [String: Int] {
            var query = filter
            for column in owners { query.filter(column, .equal, me) }
            return Dictionary(try await stats.grouped(req, SQLColumn("gender"), filter: query), uniquingKeysWith: +)
        }
        guard req.access.decide("member", "view", owner: me) == .allowed else {
            var mine = visible
            mine.filter(SQLGroupExpression(SQLList([SQLBinaryExpression(SQLColumn("owner_id"), .equal, SQLBind(me)),
                                                    SQLBinaryExpression(SQLColumn("aftersale_owner_id"), .equal, SQLBind(me))], separator: SQLRaw(" OR "))))
            return try await stats.grouped(req, SQLColumn("gender"), filter: mine)
        }
        let presale = try await by(["owner_id"]), aftersale = try await by(["aftersale_owner_id"])
        let both = try await by(["aftersale_owner_id", "owner_id"])
        return Set(presale.keys).union(aftersale.keys).sorted().map { ($0, (presale[$0] ?? 0) + (aftersale[$0] ?? 0) - (both[$0] ?? 0)) }
    }

    static func genderPie(_ req: ModuleRequest, _ counts: [(String, Int)], owner: Int64) async throws -> HTML {
        let items = try await MemberStatsPages.labelled(req, "gender", counts, colors: ["male": "#3b82f6", "female": "#ec4899"]) {
            "/m/members?owner=\(owner)&gender=\($0)"
        }
        return PieChart(title: req.t("widget.gender"), items: items, size: 120).render()
    }
}
