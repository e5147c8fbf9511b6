import Members
import PluginAPI
import Settings
import SQLKit

/// The appointments table: the appointments of a query the user may see (kernel on the responsible matchmaker), with both
/// members, type, time, place, opinions and state; used by the state lists and the member overview's tab.
struct AppointmentTable: Sendable {
    let req: ModuleRequest

    func render(_ list: ListQuery, baseURL: String, query: [(String, String)]) async throws -> HTML {
        var list = list
        list.filter(req.access.ownerPredicate("appointment"))
        let params = ListParams(query: req.query, pageSize: 20, sortable: ["meet_at", "id"], defaultSort: "meet_at")
        let (total, capped) = try await list.count(req.db)
        let rows = try await list.fetch(req.db, columns: Appointment.columns.map { SQLColumn($0) }, as: Appointment.self,
                                        sort: SQLColumn(params.sort), descending: params.descending, limit: params.pageSize, offset: params.offset)
        let members = try await MemberDirectory.records(ids: rows.flatMap { [$0.member_a, $0.member_b] }, db: req.db)
        let presenter = try await MemberDirectory.presenter(req, members: Array(members.values))
        let kinds = try await DictionaryService.labels("appointment_type", db: req.db, cache: req.host.cache, language: req.language)
        func name(_ id: Int64) -> HTML { MemberDirectory.name(req, members[id], id: id, linkBase: req.base) }
        let table = PagedTable(
            columns: [TableColumn(key: "id", label: "ID", sortable: true, numeric: true), TableColumn(key: "a", label: req.t("appointment.member_a")),
                      TableColumn(key: "b", label: req.t("appointment.member_b")), TableColumn(key: "kind", label: req.t("appointment.kind")),
                      TableColumn(key: "meet_at", label: req.t("appointment.meet_at"), sortable: true),
                      TableColumn(key: "place", label: req.t("appointment.place")), TableColumn(key: "opinions", label: req.t("appointment.opinions")),
                      TableColumn(key: "owner", label: req.t("appointment.owner_id")), TableColumn(key: "status", label: req.t("field.status"))],
            rows: rows.map { row in
                TableRow(id: String(row.id), cells: [
                    .text(String(row.id)), name(row.member_a), name(row.member_b), .text(kinds[row.kind] ?? row.kind), .text(presenter.time(row.meet_at)),
                    .text(row.place), .text("\(req.t("opinion.\(row.opinion_a)")) / \(req.t("opinion.\(row.opinion_b)"))"),
                    .text(presenter.staffName(row.owner_id)), Badge(text: req.t("status.\(row.status)"), kind: .plain).render(),
                ], actions: [RowAction(label: req.t("action.open"), href: "\(req.base)/appointments/\(row.id)")])
            },
            page: PageInfo(page: params.page, pageSize: params.pageSize, total: total, totalIsCapped: capped), baseURL: baseURL,
            query: query, sort: params.sort, sortDescending: params.descending, csrfToken: req.csrfToken, id: "appointments")
        return table.render(strings: req.uiStrings)
    }

    /// The member overview's appointments tab: meetings completed against the contract's minimum, and the member's appointments.
    func memberTab(_ member: MemberRecord) async throws -> HTML {
        let meetings = try await ServiceContracts.meetings(of: member.id, db: req.db)
        var html = HTML(raw: "<section class=\"card\"><p class=\"meetings\">")
            + .text("\(req.t("appointment.completedMeetings"))：\(meetings.completed) / \(req.t("appointment.minMeetings"))：\(meetings.minimum)")
            + HTML(raw: "</p>")
        if req.access.isGranted("appointment", "add") {
            html += HTML.link(req.t("appointment.new"), href: "\(req.base)/appointments/new?a=\(member.id)", class: "btn primary")
        }
        html += HTML(raw: "</section>")
        var list = ListQuery(table: "aftersale_appointment")
        list.filter(SQLGroupExpression(SQLList([SQLBinaryExpression(SQLColumn("member_a"), .equal, SQLBind(member.id)),
                                                SQLBinaryExpression(SQLColumn("member_b"), .equal, SQLBind(member.id))], separator: SQLRaw(" OR "))))
        return html + (try await render(list, baseURL: "\(req.base)/\(member.id)", query: [("tab", "appointments")]))
    }
}
