import Foundation
import Members
import PluginAPI
import SQLKit

/// 配对 (manual 5.2): the matching page of one member — conditions, pool and mode, the paged results with both match degrees
/// and the unmet criteria — and the actions on a result: mark as matched, recommend (optionally notifying the member),
/// arrange an appointment.
struct MatchPages: Sendable {
    static let pageSize = 30

    func register(_ routes: inout RouteCollector) throws {
        try routes.get("/:id/match", .requires("match", "view"), show)
        try routes.post("/:id/match/:candidate/mark", .requires("match", "add")) { req in try await Self.store(req, status: "matched") }
        try routes.post("/:id/match/:candidate/recommend", .requires("match", "recommend")) { req in try await Self.store(req, status: "recommended") }
    }

    @Sendable func show(_ req: ModuleRequest) async throws -> ModuleResponse {
        let me = try await MemberDirectory.load(req, id: try req.id())
        let form = try await MatchForm.load(req)
        let today = try await AgencyDay.now(req).today
        let values = req.query["run"] == "1" ? req.query : MatchCriteria.stored(of: me).formValues
        var search = MatchSearch(me: me, conditions: MatchCriteria.parse(values), rules: form.rules(today: today))
        search.pool = MatchSearch.Pool(rawValue: values["pool"]) ?? .all
        search.mode = MatchSearch.Mode(rawValue: values["mode"]) ?? .conditions
        search.sort = MatchSearch.Sort(rawValue: values["sort"]) ?? .score
        let page = max(1, req.query.int("page") ?? 1)
        let (results, total, capped) = try await search.run(req, page: page, pageSize: Self.pageSize)
        let presenter = try await MemberDirectory.presenter(req, members: results.map(\.candidate))
        let base = "\(req.base)/\(me.id)/match"
        let back = QueryItem.url(base, MatchForm.fieldNames.flatMap { name in values.all(name).map { QueryItem(name, $0) } } + [QueryItem("page", String(page))])
        let canMark = req.access.isGranted("match", "add"), canRecommend = req.access.isGranted("match", "recommend")
        let canMeet = req.access.isGranted("appointment", "add")
        func degree(_ pct: Int, _ unmet: [String]) -> HTML {
            let names = unmet.map(form.label).joined(separator: "、")
            guard !unmet.isEmpty else { return HTML(raw: "<span class=\"num\">\(pct)%</span>") }
            return HTML(raw: "<details class=\"degree\" title=\"\(escapeAttr(req.t("match.unmet")) + "：" + escapeAttr(names))\"><summary>\(pct)%</summary>")
                + .text("\(req.t("match.unmet"))：\(names)") + HTML(raw: "</details>")
        }
        let table = PagedTable(
            columns: [TableColumn(key: "id", label: "UID", numeric: true), TableColumn(key: "username", label: req.t("field.username")),
                      TableColumn(key: "summary", label: req.t("field.summary")), TableColumn(key: "region", label: req.t("criterion.region")),
                      TableColumn(key: "mobile", label: req.t("field.mobile")), TableColumn(key: "mine", label: req.t("match.mine"), numeric: true),
                      TableColumn(key: "theirs", label: req.t("match.theirs"), numeric: true)],
            rows: results.map { r in
                let c = r.candidate
                var actions: [RowAction] = []
                let ret = "?return=" + (back.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")
                if canMark { actions.append(RowAction(label: req.t("match.mark"), href: "\(base)/\(c.id)/mark\(ret)", method: "post")) }
                if canRecommend {
                    actions.append(RowAction(label: req.t("match.recommend"), href: "\(base)/\(c.id)/recommend\(ret)", method: "post"))
                    actions.append(RowAction(label: req.t("match.recommendNotify"), href: "\(base)/\(c.id)/recommend\(ret)&notify=internal", method: "post"))
                }
                if canMeet { actions.append(RowAction(label: req.t("match.arrange"), href: "\(req.base)/appointments/new?a=\(me.id)&b=\(c.id)")) }
                let name = MemberDirectory.name(req, c, id: c.id, linkBase: req.base)
                return TableRow(id: String(c.id), cells: [.text(String(c.id)), name, .text(presenter.summary(c)), .text(presenter.region(c)),
                                                          .text(MemberDirectory.contact(req, c, "mobile")), degree(r.mine, r.unmetMine),
                                                          degree(r.theirs, r.unmetTheirs)], actions: actions)
            },
            page: PageInfo(page: page, pageSize: Self.pageSize, total: total, totalIsCapped: capped), baseURL: base,
            query: MatchForm.fieldNames.flatMap { name in values.all(name).map { (name, $0) } }.filter { $0.0 != "page" }, csrfToken: req.csrfToken, id: "matches")
        let intro = HTML(raw: "<p class=\"muted\">") + .text(req.t("match.intro")) + HTML(raw: "</p>")
        return .page(title: "\(req.t("match.title")) · \(me.username)",
                     body: intro + form.render(action: base, values: values) + table.render(strings: req.uiStrings),
                     toolbar: HTML.link(req.t("action.overview"), href: "\(req.base)/\(me.id)?tab=matching", class: "btn"))
    }

    /// Stores (or updates) the result `member → candidate` with `status` and both degrees as they are now; a recommendation
    /// with `notify` set also queues a message to the member, in the same transaction.
    static func store(_ req: ModuleRequest, status: String) async throws -> ModuleResponse {
        guard let user = req.user else { throw ModuleError.unauthenticated }
        let me = try await MemberDirectory.load(req, id: try req.id())
        let candidateID = try req.id("candidate")
        let form = try await MatchForm.load(req)
        let today = try await AgencyDay.now(req).today
        let one = MatchSearch(me: me, conditions: MatchCriteria(), rules: form.rules(today: today), only: candidateID)
        guard let result = try await one.run(req, page: 1, pageSize: 1).results.first else { throw ModuleError.notFound }
        let channel = OutboxChannel(rawValue: req.form["notify"].isEmpty ? req.query["notify"] : req.form["notify"])
        let back = req.query["return"].hasPrefix("\(req.base)/") ? req.query["return"] : "\(req.base)/\(me.id)?tab=matching"
        try await req.transaction { tx in
            let now = Int64(Date().timeIntervalSince1970)
            try await tx.db.insert(into: "aftersale_match")
                .columns("member_id", "candidate_id", "owner_id", "status", "mine_pct", "theirs_pct", "notified", "created_at", "updated_at")
                .values(SQLBind(me.id), SQLBind(candidateID), SQLBind(user.id), SQLBind(status), SQLBind(result.mine), SQLBind(result.theirs),
                        SQLBind(channel?.rawValue ?? ""), SQLBind(now), SQLBind(now))
                .onConflict(with: ["member_id", "candidate_id"]) { row in
                    row.set(excludedValueOf: "status").set(excludedValueOf: "mine_pct").set(excludedValueOf: "theirs_pct")
                        .set(excludedValueOf: "owner_id").set(excludedValueOf: "notified").set(excludedValueOf: "updated_at")
                }
                .run()
            if status == "recommended" {
                if let channel, let full = try await MemberDirectory.record(id: me.id, db: tx.db) {
                    let recipient = MemberDirectory.address(of: full, on: channel)
                    if !recipient.isEmpty {
                        _ = try await tx.enqueue(OutboxMessage(channel: channel, recipient: recipient, subject: "红娘为您推荐了会员",
                                                               body: "\(me.username)，您好：您的红娘为您推荐了会员 \(result.candidate.username)（UID \(candidateID)），请登录查看。",
                                                               module: "aftersale", reference: "member:\(me.id)"))
                    }
                }
                try await tx.publish(Event("match.recommended", ["member_id": String(me.id), "candidate_id": String(candidateID)]))
            }
            try await tx.audit(AuditEntry(module: "aftersale", action: "match.\(status)", target: "member:\(me.id)",
                                          after: "candidate:\(candidateID) \(result.mine)%/\(result.theirs)%"))
        }
        return .redirect(back, flash: .success(req.t("match.stored.\(status)")))
    }
}
