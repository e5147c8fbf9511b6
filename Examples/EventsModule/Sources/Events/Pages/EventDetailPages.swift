import Members
import PluginAPI
import SQLKit

/// One event: its details, the sign-ups the user may see, and the sign-up form.
struct EventDetailPages: Sendable {
    func register(_ routes: inout RouteCollector) throws {
        try routes.get("/:id", .requires("event", "view"), show)
    }

    /// The sign-ups of `event` the user may see: all of them for whoever may mark attendance, else their own.
    static func signUps(_ req: ModuleRequest, _ event: MixerEvent) async throws -> [SignUp] {
        let query = req.db.select().columns(SignUp.columns).from("events_signup").where("event_id", .equal, event.id)
        if req.access.decide("event", "attend", owner: event.owner_id) != .allowed { query.where(req.access.ownerPredicate("signup")) }
        return try await query.orderBy("id").limit(500).all(decoding: SignUp.self)
    }

    @Sendable func show(_ req: ModuleRequest) async throws -> ModuleResponse {
        let event = try await MixerEvent.load(req, "view")
        let zone = try await req.host.site.all().timeZone
        let signups = try await Self.signUps(req, event)
        // Names only of the members the user may see (Members' rules); the others show their UID alone.
        let members = try await MemberDirectory.records(ids: signups.map(\.member_id), db: req.db)
            .filter { MemberDirectory.allows(req, $0.value, "view") }
        let canAttend = req.access.decide("event", "attend", owner: event.owner_id) == .allowed
        let rows = signups.map { s in
            var actions: [RowAction] = []
            if canAttend, s.attended == 0 {
                actions.append(RowAction(label: req.t("attend"), href: "\(req.base)/\(event.id)/signups/\(s.id)/attended", method: "post"))
            }
            if req.access.decide("signup", "delete", owner: s.owner_id) == .allowed {
                actions.append(RowAction(label: req.t("cancel"), href: "\(req.base)/\(event.id)/signups/\(s.id)/delete", method: "post",
                                         confirm: req.t("delete.confirm"), danger: true))
            }
            return TableRow(id: String(s.id), cells: [.text(String(s.member_id)), .text(members[s.member_id]?.username ?? "—"),
                                                      .text(req.t(s.attended == 1 ? "yes" : "no"))], actions: actions)
        }
        let table = PagedTable(columns: [TableColumn(key: "member", label: req.t("field.member"), numeric: true),
                                         TableColumn(key: "name", label: req.t("signups")),
                                         TableColumn(key: "attended", label: req.t("field.attended"))],
                               rows: rows, page: PageInfo(page: 1, pageSize: max(1, rows.count), total: rows.count),
                               baseURL: "\(req.base)/\(event.id)", csrfToken: req.csrfToken, id: "signups")
        var body = HTML(raw: "<dl class=\"details\">")
        for (label, value) in [("field.venue", event.venue), ("field.starts_at", AgencyTime.format(event.starts_at, timeZone: zone)),
                               ("field.signed_up", "\(event.signed_up) / \(event.capacity)"), ("field.note", event.note)] {
            body += HTML(raw: "<dt>") + HTML.text(req.t(label)) + HTML(raw: "</dt><dd>") + HTML.text(value) + HTML(raw: "</dd>")
        }
        body += HTML(raw: "</dl>") + table.render(strings: req.uiStrings)
        if req.access.isGranted("signup", "add"), event.signed_up < event.capacity {
            body += FormView(action: "\(req.base)/\(event.id)/signups", csrfToken: req.csrfToken,
                             fields: [FormField(name: "member_id", label: req.t("field.member"), kind: .number, required: true)],
                             submitLabel: req.t("signup"), id: "signup-form").render(strings: req.uiStrings)
        }
        var toolbar = HTML.empty
        if req.access.decide("event", "edit", owner: event.owner_id) == .allowed {
            toolbar += HTML.link(req.t("edit"), href: "\(req.base)/\(event.id)/edit", class: "button")
        }
        if req.access.decide("event", "delete", owner: event.owner_id) == .allowed {
            toolbar += RowAction(label: req.t("delete"), href: "\(req.base)/\(event.id)/delete", method: "post",
                                 confirm: req.t("delete.confirm"), danger: true).render(csrfToken: req.csrfToken)
        }
        return .page(title: event.title, body: body, toolbar: toolbar)
    }
}
