import Kernel
import Members
import PluginAPI

/// Table cells and row actions of consultation lists, with the names and members they show loaded once per page.
struct ConsultRows: Sendable {
    let req: ModuleRequest
    let timeZone: String
    let staff: [Int64: String]
    /// Linked members the user may see (others show their UID only).
    let members: [Int64: MemberRecord]

    static func make(_ req: ModuleRequest, _ rows: [Consultation], timeZone: String) async throws -> ConsultRows {
        let staff = Dictionary(try await req.host.activeStaff().map { ($0.id, $0.name) }, uniquingKeysWith: { a, _ in a })
        let linked = try await MemberDirectory.records(ids: rows.compactMap(\.member_id), db: req.db)
        return ConsultRows(req: req, timeZone: timeZone, staff: staff,
                           members: linked.filter { MemberDirectory.allows(req, $0.value, "view") })
    }

    static func columns(_ req: ModuleRequest, processed: Bool) -> [TableColumn] {
        var columns = [
            TableColumn(key: "id", label: "ID", sortable: true, numeric: true), TableColumn(key: "member", label: req.t("field.member")),
            TableColumn(key: "contact_name", label: req.t("field.contact_name")), TableColumn(key: "mobile", label: req.t("field.mobile")),
            TableColumn(key: "created_at", label: req.t("field.created"), sortable: true), TableColumn(key: "message", label: req.t("field.message")),
            TableColumn(key: "status", label: req.t("field.status")), TableColumn(key: "owner", label: req.t("field.owner")),
            TableColumn(key: "result", label: req.t("field.result")),
        ]
        if processed { columns.insert(TableColumn(key: "processed_at", label: req.t("field.processed_at"), sortable: true), at: 5) }
        return columns
    }

    func staffName(_ id: Int64?) -> String { id.map { staff[$0] ?? "#\($0)" } ?? "—" }

    func member(_ id: Int64?) -> HTML {
        guard let id else { return .text("—") }
        guard let member = members[id] else { return .text("UID \(id)") }
        return HTML.link("\(member.username) (\(id))", href: "/m/members/\(id)")
    }

    static func shorten(_ text: String, _ limit: Int = 40) -> String {
        text.count > limit ? String(text.prefix(limit)) + "…" : text
    }

    func status(_ c: Consultation) -> HTML {
        var html = Badge(text: req.t("status.\(c.status)"), kind: c.isPending ? .warn : .ok).render()
        if c.isImportant { html += HTML(raw: " ") + Badge(text: req.t("field.important"), kind: .danger).render() }
        return html
    }

    func cells(_ c: Consultation, processed: Bool) -> [HTML] {
        var cells: [HTML] = [
            .text(String(c.id)), member(c.member_id), HTML.link(c.contact_name, href: "\(req.base)/\(c.id)"), .text(c.mobile),
            .text(AgencyTime.format(c.created_at, timeZone: timeZone)), .text(Self.shorten(c.message)), status(c),
            owner(c), .text(Self.shorten(c.result)),
        ]
        if processed { cells.insert(.text(AgencyTime.format(c.processed_at, timeZone: timeZone)), at: 5) }
        return cells
    }

    func owner(_ c: Consultation) -> HTML {
        guard c.owner_id != nil else { return Badge(text: req.t("assignment.unassigned"), kind: .off).render() }
        var html = HTML.text(staffName(c.owner_id))
        if c.designated_id != nil, c.designated_id == c.owner_id { html += HTML(raw: " <small class=\"muted\">\(escapeHTML(req.t("designated.mark")))</small>") }
        return html
    }

    /// The actions the kernel allows on `c`: view, importance, edit, mark processed, delete.
    /// `back`: the list the actions return to (none: the consultation's page).
    func actions(_ c: Consultation, back: ConsultListPages.List? = nil) -> [RowAction] {
        let suffix = back.map { "?back=\($0.rawValue)" } ?? ""
        var actions = [RowAction(label: req.t("action.view"), href: "\(req.base)/\(c.id)")]
        if ConsultAccess.decide(req, c, "edit") == .allowed {
            actions.append(RowAction(label: req.t(c.isImportant ? "action.unimportant" : "action.important"), href: "\(req.base)/\(c.id)/important\(suffix)",
                                     method: "post"))
            actions.append(RowAction(label: req.t("action.edit"), href: "\(req.base)/\(c.id)/edit"))
            if c.isPending {
                actions.append(RowAction(label: req.t("action.process"), href: "\(req.base)/\(c.id)/process\(suffix)", method: "post",
                                         confirm: req.t("confirm.process")))
            }
        }
        if ConsultAccess.decide(req, c, "delete") == .allowed {
            actions.append(RowAction(label: req.t("action.delete"), href: "\(req.base)/\(c.id)/delete", method: "post",
                                     confirm: req.t("confirm.delete"), danger: true))
        }
        return actions
    }
}
