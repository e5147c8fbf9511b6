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

    struct Group: Decodable, Sendable { let key: String; let total: Int64; let payments: Int64 }

    /// The figures of one request.
    struct Figures: Sendable {
        let from: String, to: String
        let total: Int64, payments: Int64
        let months: [Group], owners: [Group], kinds: [Group], contractKinds: [Group]
    }

    static func figures(_ req: ModuleRequest) async throws -> Figures {
        let zone = try await req.host.site.all().timeZone
        let today = AgencyTime.today(timeZone: zone)
        let to = AgencyTime.dayStart(req.query["to"], timeZone: "UTC") != nil ? req.query["to"] : today
        let defaultFrom = String(Int(today.prefix(4)).map { String($0 - 2) } ?? "2000") + today.dropFirst(4).prefix(3) + "-01"
        let from = AgencyTime.dayStart(req.query["from"], timeZone: "UTC") != nil ? req.query["from"] : defaultFrom
        func grouped(_ key: any SQLExpression) async throws -> [Group] {
            try await req.db.select().column(key, as: "key")
                .column(SQLRaw("CAST(SUM(total) AS BIGINT)"), as: "total").column(SQLRaw("CAST(SUM(payments) AS BIGINT)"), as: "payments")
                .from("finance_daily").where(req.access.ownerPredicate("payment", column: "owner_id"))
                .where("day", .greaterThanOrEqual, from).where("day", .lessThanOrEqual, to)
                .groupBy(key).orderBy(key).all(decoding: Group.self)
        }
        let months = try await grouped(SQLRaw("substr(day, 1, 7)"))
        let owners = try await grouped(SQLRaw("CAST(owner_id AS TEXT)"))
        return Figures(from: from, to: to, total: months.reduce(0) { $0 + $1.total }, payments: months.reduce(0) { $0 + $1.payments },
                       months: months, owners: owners.sorted { $0.total > $1.total },
                       kinds: try await grouped(SQLColumn("kind")), contractKinds: try await grouped(SQLColumn("contract_kind")))
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
