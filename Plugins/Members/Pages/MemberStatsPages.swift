import PluginAPI
import Settings
import SQLKit

/// 会员统计 (manual 3.1): counts over the members the user may see, as SVG charts with the numbers beside them.
struct MemberStatsPages: Sendable {
    func register(_ routes: inout RouteCollector) throws {
        try routes.get("/stats", .requires("statistics", "view"), stats)
    }

    struct Count: Decodable { let k: String?; let n: Int }

    func grouped(_ req: ModuleRequest, _ expression: any SQLExpression, filter: ListQuery) async throws -> [(String, Int)] {
        try await req.db.select().column(expression, as: "k").column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n")
            .from("members_member").where(filter.predicate).groupBy(expression).all(decoding: Count.self)
            .map { ($0.k ?? "", $0.n) }
    }

    /// Counts by dictionary code as chart items in the dictionary's order, labelled in the user's language; codes the
    /// dictionary does not know are summed into one "unknown" item. `href` links an item's legend to its list.
    static func labelled(_ req: ModuleRequest, _ list: String, _ counts: [(String, Int)], colors: [String: String] = [:],
                         href: ((String) -> String)? = nil) async throws -> [ChartItem] {
        let options = try await DictionaryService.all(list, db: req.db, cache: req.host.cache, includeDisabled: true)
        let byCode = Dictionary(counts, uniquingKeysWith: +)
        var items = options.compactMap { o in
            byCode[o.code].map { ChartItem(label: o.label(req.language), value: $0, color: colors[o.code], href: href?(o.code)) }
        }
        let unknown = counts.filter { code, _ in !options.contains { $0.code == code } }.reduce(0) { $0 + $1.1 }
        if unknown > 0 { items.append(ChartItem(label: req.t("stats.unknown"), value: unknown)) }
        return items
    }

    @Sendable func stats(_ req: ModuleRequest) async throws -> ModuleResponse {
        let site = req.site
        let today = MemberFormat.today(timeZone: site.timeZone)
        var filter = ListQuery(table: "members_member")
        filter.filter(MemberAccess.predicate(req))
        if let from = MemberSearch.dayStart(req.query["reg_from"], site.timeZone) { filter.filter("registered_at", .greaterThanOrEqual, from) }
        if let to = MemberSearch.dayStart(req.query["reg_to"], site.timeZone) { filter.filter("registered_at", .lessThan, to + 86_400) }
        var charts: [HTML] = []
        func labelled(_ list: String, _ counts: [(String, Int)]) async throws -> [ChartItem] {
            try await Self.labelled(req, list, counts)
        }
        let gender = try await labelled("gender", try await grouped(req, SQLColumn("gender"), filter: filter))
        charts.append(PieChart(title: req.t("stats.gender"), items: gender).render())
        let provinceCounts = try await grouped(req, SQLColumn("province"), filter: filter).sorted { $0.1 > $1.1 }
        let names = try await req.host.regions.names(Set(provinceCounts.map(\.0)))
        charts.append(BarChart(title: req.t("stats.province"), items: provinceCounts.prefix(15).map { ChartItem(label: names[$0.0] ?? req.t("stats.unknown"), value: $0.1) }).render())
        // Age bands from the birthday (string compare on yyyy-MM-dd).
        let bands = [(18, 24), (25, 29), (30, 34), (35, 39), (40, 49), (50, 99)]
        var ageItems: [ChartItem] = []
        for (lo, hi) in bands {
            let range = MemberFormat.birthdayRange(minAge: lo, maxAge: hi, today: today)
            var band = filter
            if let from = range.from { band.filter("birthday", .greaterThanOrEqual, from) }
            if let to = range.to { band.filter("birthday", .lessThanOrEqual, to) }
            let n = try await req.db.select().column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n").from("members_member").where(band.predicate)
                .first(decodingColumn: "n", as: Int.self) ?? 0
            ageItems.append(ChartItem(label: hi >= 99 ? "\(lo)+" : "\(lo)–\(hi)", value: n))
        }
        charts.append(ColumnChart(title: req.t("stats.age"), items: ageItems).render())
        for list in ["marital_status", "education", "income_band"] {
            let items = try await labelled(list, try await grouped(req, SQLColumn(list), filter: filter))
            charts.append(BarChart(title: req.t("stats.\(list)"), items: items).render())
        }
        let search = SearchForm(action: "\(req.base)/stats", fields: [
            FormField(name: "reg_from", label: req.t("field.registered"), kind: .range(toName: "reg_to", toValue: req.query["reg_to"]), value: req.query["reg_from"],
                      placeholder: "2026-01-01"),
        ])
        return .page(title: req.t("stats.title"), body: search.render(strings: req.uiStrings) + HTML(raw: "<div class=\"charts\">") + HTML.join(charts) + HTML(raw: "</div>"))
    }
}
