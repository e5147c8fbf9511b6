import PluginAPI
import Settings

/// Customer analysis (客户分析, manual 4.2.2–4.2.3): coin balance, consumption records, payments, messages, posts,
/// and what kinds of opposite-sex profiles the member browses.
struct AnalysisView: Sendable {
    let req: ModuleRequest
    let member: MemberRecord
    let presenter: MemberPresenter
    static let pageSize = 20

    /// The figures and charts, ready for the tab, the print view and the CSV.
    struct Figures: Sendable {
        let summary: MemberActivity.Summary
        let browsing: MemberActivity.Browsing
        /// Chart title key → (label, count) in display order.
        let charts: [(key: String, items: [(String, Int)])]
    }

    func figures() async throws -> Figures {
        let summary = try await MemberActivity.summary(req, member: member)
        let browsing = try await MemberActivity.browsing(req, member: member, today: presenter.today)
        func labelled(_ counts: [String: Int], list: String) async throws -> [(String, Int)] {
            let options = try await DictionaryService.all(list, db: req.db, cache: req.host.cache, includeDisabled: true)
            var items = options.compactMap { option in counts[option.code].map { (option.label(req.language), $0) } }
            let known = Set(options.map(\.code))
            let other = counts.filter { !known.contains($0.key) }.values.reduce(0, +)
            if other > 0 { items.append((req.t("analysis.unknown"), other)) }
            return items
        }
        var ages = MemberActivity.Browsing.ageBands.compactMap { band in browsing.ageBand[band].map { (band, $0) } }
        if let unknown = browsing.ageBand[""] { ages.append((req.t("analysis.unknown"), unknown)) }
        return Figures(summary: summary, browsing: browsing, charts: [
            ("analysis.byEducation", try await labelled(browsing.education, list: "education")),
            ("analysis.byIncome", try await labelled(browsing.income, list: "income_band")),
            ("analysis.byAge", ages),
            ("analysis.byMarital", try await labelled(browsing.marital, list: "marital_status")),
        ])
    }

    /// The numbers as label/value pairs.
    func numbers(_ s: MemberActivity.Summary) -> [(String, String)] {
        [(req.t("analysis.coins"), UIFormat.grouped(Int(s.coinBalance))), (req.t("analysis.paid"), "¥" + UIFormat.yuan(s.totalPaid)),
         (req.t("analysis.sent"), UIFormat.grouped(s.messagesSent)), (req.t("analysis.received"), UIFormat.grouped(s.messagesReceived)),
         (req.t("analysis.posts"), UIFormat.grouped(s.postsPublished)), (req.t("analysis.views"), UIFormat.grouped(s.profilesViewed))]
    }

    /// Numbers and charts (the print view shows just these).
    func figuresHTML(_ f: Figures) -> HTML {
        var html = "<section class=\"card\"><dl class=\"profile stats\">"
        for (label, value) in numbers(f.summary) { html += "<dt>\(escapeHTML(label))</dt><dd class=\"num\">\(escapeHTML(value))</dd>" }
        html += "</dl></section><section class=\"card\"><h2>\(escapeHTML(req.t("analysis.browsing")))</h2><div class=\"charts\">"
        var out = HTML(raw: html)
        for chart in f.charts {
            out += BarChart(title: req.t(chart.key), items: chart.items.map { ChartItem(label: $0.0, value: $0.1) }, showPercentages: true,
                            emptyText: req.uiStrings.noRows).render()
        }
        return out + HTML(raw: "</div></section>")
    }

    func render() async throws -> HTML {
        let f = try await figures()
        let base = "\(req.base)/\(member.id)"
        var toolbar = "<p class=\"actions\"><a class=\"btn\" href=\"\(base)/analysis/print\">\(escapeHTML(req.t("action.print")))</a>"
        if req.access.isGranted("analysis", "export") {
            toolbar += " <a class=\"btn\" href=\"\(base)/analysis.csv\">\(escapeHTML(req.t("action.csv")))</a>"
        }
        var html = HTML(raw: toolbar + "</p>") + figuresHTML(f)
        // Consumption records, paged.
        let params = ListParams(query: req.query, pageSize: Self.pageSize, sortable: ["at"], defaultSort: "at")
        let (records, total) = try await MemberActivity.consumption(req, member: member, limit: params.pageSize, offset: params.offset)
        let table = PagedTable(
            columns: [TableColumn(key: "at", label: req.t("analysis.time")), TableColumn(key: "kind", label: req.t("analysis.kind")),
                      TableColumn(key: "amount", label: req.t("analysis.amount"), numeric: true), TableColumn(key: "detail", label: req.t("analysis.detail"))],
            rows: records.map { r in
                TableRow(id: String(r.id), cells: [.text(presenter.time(r.at)), .text(req.t("analysis.kind.\(r.kind)")),
                                                   .text(r.kind == "payment" ? UIFormat.yuan(r.amount) : UIFormat.grouped(Int(-r.amount))),
                                                   .text(r.detail)])
            },
            page: PageInfo(page: params.page, pageSize: params.pageSize, total: total), baseURL: base, query: [("tab", "analysis")], id: "consumption")
        html += HTML(raw: "<section class=\"card\"><h2>\(escapeHTML(req.t("analysis.consumption")))</h2>") + table.render(strings: req.uiStrings)
            + HTML(raw: "</section>")
        return html
    }

    /// The analysis as CSV: the numbers, then each chart's rows.
    func csv() async throws -> CSVText {
        let f = try await figures()
        var csv = CSVText(header: [req.t("analysis.title"), "UID \(member.id)", member.username])
        for (label, value) in numbers(f.summary) { csv.append([label, value]) }
        for chart in f.charts {
            csv.append([])
            csv.append([req.t(chart.key)])
            for (label, count) in chart.items { csv.append([label, String(count)]) }
        }
        return csv
    }
}
