import Foundation
import Members
import PluginAPI
import SQLKit

/// 财务报表 (manual 6.2): receipts in a date range — total, by month, by matchmaker, by payment kind, by contract type —
/// from the daily receipts kept with each approval, restricted to the payments the user may see. Exact integer sums.
struct FinanceStatsPages: Sendable {
    func register(_ routes: inout RouteCollector) throws {
        try routes.get("/stats", .requires("statistics", "view"), show)
        try routes.get("/stats.csv", .requires("statistics", "export"), csv)
    }

    struct Group: Sendable { let key: String; let total: Int64; let payments: Int64 }

    /// The figures of one request.
    struct Figures: Sendable {
        let from: String, to: String
        let total: Int64, payments: Int64
        let months: [Group], owners: [Group], kinds: [Group], contractKinds: [Group]
    }

    /// One summary row: a month (or the part of one inside the range), a matchmaker, a payment kind and a contract type.
    struct Cell: Decodable, Sendable { let month: String; let owner_id: Int64; let kind: String; let contract_kind: String; let total: Int64; let payments: Int64 }

    /// `yyyy-MM-dd` is the last day of its month.
    static func isMonthEnd(_ day: String) -> Bool {
        guard let start = AgencyTime.dayStart(day, timeZone: "UTC") else { return false }
        return AgencyTime.format(start + 86_400 + 3_600, timeZone: "UTC", pattern: "yyyy-MM-dd").hasSuffix("-01")
    }

    /// The cells of [from, to]: whole months from `finance_monthly`, the partly covered edge months from `finance_daily`,
    /// both restricted to the payments the user may see.
    static func cells(_ req: ModuleRequest, from: String, to: String) async throws -> [Cell] {
        let visible = req.access.ownerPredicate("payment", column: "owner_id")
        let fromMonth = String(from.prefix(7)), toMonth = String(to.prefix(7))
        let firstWhole = from.hasSuffix("-01") ? fromMonth : nil, lastWhole = isMonthEnd(to) ? toMonth : nil
        let sum = { (q: SQLSelectBuilder) -> SQLSelectBuilder in
            q.column("owner_id").column("kind").column("contract_kind")
                .column(SQLRaw("CAST(SUM(total) AS BIGINT)"), as: "total").column(SQLRaw("CAST(SUM(payments) AS BIGINT)"), as: "payments")
        }
        // Whole months strictly inside, plus the edge months the range covers entirely.
        let monthly = sum(req.db.select().column("month")).from("finance_monthly").where(visible)
            .where("month", firstWhole == nil ? .greaterThan : .greaterThanOrEqual, fromMonth)
            .where("month", lastWhole == nil ? .lessThan : .lessThanOrEqual, toMonth)
            .groupBy("month").groupBy("owner_id").groupBy("kind").groupBy("contract_kind")
        var cells = fromMonth <= toMonth ? try await monthly.all(decoding: Cell.self) : []
        // Days of the edge months that are only partly in the range.
        var edges: [(String, String)] = []
        if fromMonth == toMonth {
            if firstWhole == nil || lastWhole == nil { cells = []; edges.append((from, to)) }
        } else {
            if firstWhole == nil { edges.append((from, fromMonth + "-31")) }
            if lastWhole == nil { edges.append((toMonth + "-01", to)) }
        }
        for (start, end) in edges where start <= end {
            cells += try await sum(req.db.select().column(SQLRaw("substr(day, 1, 7)"), as: "month")).from("finance_daily").where(visible)
                .where("day", .greaterThanOrEqual, start).where("day", .lessThanOrEqual, end)
                .groupBy(SQLRaw("substr(day, 1, 7)")).groupBy("owner_id").groupBy("kind").groupBy("contract_kind").all(decoding: Cell.self)
        }
        return cells
    }

    static func figures(_ req: ModuleRequest) async throws -> Figures {
        let zone = req.site.timeZone
        let today = AgencyTime.today(timeZone: zone)
        let to = AgencyTime.dayStart(req.query["to"], timeZone: "UTC") != nil ? req.query["to"] : today
        let defaultFrom = String(Int(today.prefix(4)).map { String($0 - 2) } ?? "2000") + today.dropFirst(4).prefix(3) + "-01"
        let from = AgencyTime.dayStart(req.query["from"], timeZone: "UTC") != nil ? req.query["from"] : defaultFrom
        let cells = try await Self.cells(req, from: from, to: to)
        func grouped(_ key: (Cell) -> String) -> [Group] {
            var sums: [String: (Int64, Int64)] = [:]
            for cell in cells { let s = sums[key(cell)] ?? (0, 0); sums[key(cell)] = (s.0 + cell.total, s.1 + cell.payments) }
            return sums.map { Group(key: $0.key, total: $0.value.0, payments: $0.value.1) }.sorted { $0.key < $1.key }
        }
        let months = grouped(\.month)
        return Figures(from: from, to: to, total: months.reduce(0) { $0 + $1.total }, payments: months.reduce(0) { $0 + $1.payments },
                       months: months, owners: grouped { String($0.owner_id) }.sorted { $0.total > $1.total },
                       kinds: grouped(\.kind), contractKinds: grouped(\.contract_kind))
    }

    /// Label of a group key in a section.
    static func label(_ req: ModuleRequest, section: String, key: String, staff: MemberPresenter) -> String {
        switch section {
        case "owner": return staff.staffName(Int64(key))
        case "kind": return req.t("kind.\(key)")
        case "ckind": return req.t("ckind.\(key)")
        default: return key
        }
    }

    @Sendable func show(_ req: ModuleRequest) async throws -> ModuleResponse {
        let f = try await Self.figures(req)
        let staff = try await MemberDirectory.presenter(req, members: [])
        let form = SearchForm(action: "\(req.base)/stats", fields: [
            FormField(name: "from", label: req.t("field.dates"), kind: .range(toName: "to", toValue: f.to), value: f.from),
        ])
        var html = form.render(strings: req.uiStrings)
        var summary = "<section class=\"card\"><dl class=\"profile stats\"><dt>\(escapeHTML(req.t("stats.total")))</dt><dd class=\"num\">¥\(UIFormat.yuan(f.total))</dd>"
        summary += "<dt>\(escapeHTML(req.t("stats.count")))</dt><dd class=\"num\">\(UIFormat.grouped(Int(f.payments)))</dd></dl>"
        if req.access.isGranted("statistics", "export") {
            summary += "<p><a class=\"btn\" href=\"\(escapeAttr(QueryItem.url("\(req.base)/stats.csv", [QueryItem("from", f.from), QueryItem("to", f.to)])))\">\(escapeHTML(req.t("action.csv")))</a></p>"
        }
        html += HTML(raw: summary + "</section><section class=\"card\"><div class=\"charts\">")
        html += BarChart(title: req.t("stats.byMonth"), items: f.months.map { ChartItem(label: $0.key, value: Int($0.total / 100)) },
                         emptyText: req.uiStrings.noRows).render()
        for (section, title, groups) in [("owner", "stats.byOwner", f.owners), ("kind", "stats.byKind", f.kinds), ("ckind", "stats.byContractKind", f.contractKinds)] {
            html += BarChart(title: req.t(title), items: groups.map { ChartItem(label: Self.label(req, section: section, key: $0.key, staff: staff),
                                                                            value: Int($0.total / 100)) },
                             showPercentages: true, emptyText: req.uiStrings.noRows).render()
        }
        html += HTML(raw: "</div></section>")
        html += table(req, "stats.byMonth", f.months.map { ($0.key, $0) })
        html += table(req, "stats.byOwner", f.owners.map { (Self.label(req, section: "owner", key: $0.key, staff: staff), $0) })
        return .page(title: req.t("stats.title"), body: html)
    }

    func table(_ req: ModuleRequest, _ title: String, _ rows: [(String, Group)]) -> HTML {
        var html = "<section class=\"card\"><h2>\(escapeHTML(req.t(title)))</h2><table class=\"table\"><thead><tr><th>\(escapeHTML(req.t("stats.group")))</th><th class=\"num\">\(escapeHTML(req.t("field.amount")))</th><th class=\"num\">\(escapeHTML(req.t("stats.count")))</th></tr></thead><tbody>"
        for (label, group) in rows {
            html += "<tr><td>\(escapeHTML(label))</td><td class=\"num\">\(UIFormat.yuan(group.total))</td><td class=\"num\">\(group.payments)</td></tr>"
        }
        return HTML(raw: html + "</tbody></table></section>")
    }

    @Sendable func csv(_ req: ModuleRequest) async throws -> ModuleResponse {
        let f = try await Self.figures(req)
        let staff = try await MemberDirectory.presenter(req, members: [])
        var csv = CSVText(header: [req.t("stats.title"), f.from, f.to])
        csv.append([req.t("stats.total"), UIFormat.yuan(f.total), String(f.payments)])
        for (section, title, groups) in [("month", "stats.byMonth", f.months), ("owner", "stats.byOwner", f.owners), ("kind", "stats.byKind", f.kinds),
                                         ("ckind", "stats.byContractKind", f.contractKinds)] {
            csv.append([])
            csv.append([req.t(title), req.t("field.amount"), req.t("stats.count")])
            for g in groups { csv.append([Self.label(req, section: section, key: g.key, staff: staff), UIFormat.yuan(g.total), String(g.payments)]) }
        }
        try await req.transaction { tx in
            try await tx.audit(AuditEntry(module: "finance", action: "statistics.export", target: "finance", after: "\(f.from)…\(f.to) \(f.total)"))
        }
        return .file(Data(csv.text.utf8), contentType: CSVText.contentType, filename: "receipts-\(f.from)-\(f.to).csv")
    }
}
