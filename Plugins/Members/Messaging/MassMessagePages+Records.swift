import Foundation
import PluginAPI
import SQLKit

/// A mass send as stored: its message, selection and progress.
struct MassSend: Decodable, Sendable {
    let id: Int64
    let channel: String
    let subject: String
    let body: String
    let selection: String
    let total: Int
    let skipped: Int
    let queued: Int
    let status: String
    let created_by: Int64
    let created_at: Int64
    let finished_at: Int64?

    static let columns = ["id", "channel", "subject", "body", "selection", "total", "skipped", "queued", "status", "created_by", "created_at",
                          "finished_at"]
    /// Recipients handled so far (queued or left out), of `total`.
    var done: Int { queued + skipped }
}

extension MassMessagePages {
    /// The sends the user may see (the kernel judges a send by its sender), newest first, with their progress.
    @Sendable func list(_ req: ModuleRequest) async throws -> ModuleResponse {
        let params = ListParams(query: req.query, pageSize: 20, sortable: ["id"], defaultSort: "id")
        var query = ListQuery(table: "members_mass_send")
        query.filter(req.access.ownerPredicate("massMessage", action: "view", on: SQLColumn("created_by")))
        if ["queued", "running", "done"].contains(req.query["status"]) { query.filter("status", .equal, req.query["status"]) }
        let (total, capped) = try await query.count(req.db)
        let sends = try await query.fetch(req.db, columns: MassSend.columns.map { SQLColumn($0) }, as: MassSend.self, sort: SQLColumn("id"),
                                          descending: params.descending, limit: params.pageSize, offset: params.offset)
        let zone = req.site.timeZone
        let staff = try await MemberStaff.names(req)
        let rows = sends.map { send in
            TableRow(id: String(send.id), cells: [
                HTML.link("#\(send.id)", href: "\(req.base)/mass/\(send.id)"), .text(req.t("mass.channel.\(send.channel)")),
                .text(send.subject.isEmpty ? String(send.body.prefix(30)) : send.subject), .text(Self.progress(req, send)),
                .text(staff[send.created_by] ?? "#\(send.created_by)"), .text(AgencyTime.format(send.created_at, timeZone: zone)),
            ], actions: [RowAction(label: req.t("action.view"), href: "\(req.base)/mass/\(send.id)")])
        }
        let statuses = ["queued", "running", "done"].map { SelectOption(value: $0, label: req.t("mass.status.\($0)")) }
        let search = SearchForm(action: "\(req.base)/mass", fields: [
            FormField(name: "status", label: req.t("mass.status"), kind: .select(options: statuses, allowEmpty: true), value: req.query["status"]),
        ])
        let table = PagedTable(columns: [
            TableColumn(key: "id", label: "#"), TableColumn(key: "channel", label: req.t("mass.channel")),
            TableColumn(key: "subject", label: req.t("mass.subject")), TableColumn(key: "progress", label: req.t("mass.progress")),
            TableColumn(key: "created_by", label: req.t("mass.sender")), TableColumn(key: "created_at", label: req.t("mass.createdAt")),
        ], rows: rows, page: PageInfo(page: params.page, pageSize: params.pageSize, total: total, totalIsCapped: capped),
           baseURL: "\(req.base)/mass", query: req.query["status"].isEmpty ? [] : [("status", req.query["status"])], csrfToken: req.csrfToken)
        return .page(title: req.t("mass.listTitle"), body: search.render(strings: req.uiStrings) + table.render(strings: req.uiStrings))
    }

    /// "running · 1,500 / 100,000 (1.5%)".
    static func progress(_ req: ModuleRequest, _ send: MassSend) -> String {
        "\(req.t("mass.status.\(send.status)")) · \(UIFormat.grouped(send.done)) / \(UIFormat.grouped(send.total)) (\(UIFormat.percent(send.done, of: send.total)))"
    }

    @Sendable func show(_ req: ModuleRequest) async throws -> ModuleResponse {
        guard let send = try await req.db.select().columns(MassSend.columns.map { SQLColumn($0) }).from("members_mass_send")
            .where("id", .equal, try req.id("send")).first(decoding: MassSend.self) else { throw ModuleError.notFound }
        switch req.access.decide("massMessage", "view", owner: send.created_by) {
        case .allowed: break
        case .forbidden: throw ModuleError.forbidden
        case .notFound: throw ModuleError.notFound
        }
        let zone = req.site.timeZone
        var facts = CountList()
        facts.add(req.t("mass.count.total"), send.total)
        facts.add(req.t("mass.count.queued"), send.queued)
        facts.add(req.t("mass.count.skipped"), send.skipped)
        facts.add(req.t("mass.count.waiting"), max(0, send.total - send.done))
        var body = HTML.element("p", [:], .text("\(Self.progress(req, send)) · \(req.t("mass.channel.\(send.channel)")) · "
            + AgencyTime.format(send.created_at, timeZone: zone)))
        body += facts.render()
        if !send.subject.isEmpty { body += HTML.element("h3", [:], .text(send.subject)) }
        body += .paragraphs(send.body)
        // The queued messages themselves, with their sending state, on the host's outbox page (its own permission).
        if req.access.forModule("core").isGranted("outbox", "view") {
            body += HTML.element("p", [:], HTML.link(req.t("mass.outbox"), href: QueryItem.url("/m/core/outbox", [QueryItem("q", "mass:\(send.id):")])))
        }
        return .page(title: "\(req.t("mass.title")) #\(send.id)", body: HTML.element("section", ["class": "card"], body))
    }
}
