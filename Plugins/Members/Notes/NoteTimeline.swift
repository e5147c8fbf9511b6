import PluginAPI
import Settings
import SQLKit

/// The follow-up tab: search the member's notes, add one, and the timeline (newest first) of the notes the user may see.
struct NoteTimeline: Sendable {
    let notes: FollowUpNotes
    let req: ModuleRequest
    let member: MemberRecord
    let presenter: MemberPresenter
    static let pageSize = 20

    /// The notes of `member` the user may see (kernel on the author), filtered by keyword, tag and contact date range.
    func query() -> ListQuery {
        let q = req.query
        var list = ListQuery(table: notes.table)
        list.filter("member_id", .equal, member.id)
        list.filter(req.access.ownerPredicate("note", column: "author_id"))
        list.search(["remark"], contains: q["q"])
        let tag = FollowUpNote.normalizeTags(q["tag"])
        if !tag.isEmpty, let first = tag.split(separator: ",").first {
            list.filter(SQLBinaryExpression(SQLColumn("tags"), .like, SQLBind("%,\(first),%")))
        }
        if let from = AgencyTime.dayStart(q["from"], timeZone: presenter.timeZone) { list.filter("contact_at", .greaterThanOrEqual, from) }
        if let to = AgencyTime.dayStart(q["to"], timeZone: presenter.timeZone) { list.filter("contact_at", .lessThan, to + 86_400) }
        return list
    }

    func render() async throws -> HTML {
        let q = req.query
        let base = "\(req.base)/\(member.id)"
        var html = HTML.empty
        if req.access.isGranted("note", "add") {
            let form = NoteForm(req: req, timeZone: presenter.timeZone)
            html += HTML(raw: "<section class=\"card\" id=\"new-note\"><h2>\(escapeHTML(req.t("note.new")))</h2>")
                + (try await form.render(action: "\(base)/notes", values: form.defaults, errors: [:], cancel: nil)) + HTML(raw: "</section>")
        }
        html += SearchForm(action: base, fields: [
            FormField(name: "q", label: req.t("note.keyword"), value: q["q"]),
            FormField(name: "tag", label: req.t("note.tag"), value: q["tag"]),
            FormField(name: "from", label: req.t("note.dates"), kind: .range(toName: "to", toValue: q["to"]), value: q["from"]),
        ], extraHidden: ["tab": "notes"]).render(strings: req.uiStrings)
        let list = query()
        let params = ListParams(query: q, pageSize: Self.pageSize, sortable: ["contact_at"], defaultSort: "contact_at")
        let (total, capped) = try await list.count(req.db)
        let notes = try await req.db.select().columns(FollowUpNote.columns.map { SQLColumn($0) }).from(notes.table).where(list.predicate)
            .orderBy("contact_at", .descending).orderBy("id", .descending).limit(params.pageSize).offset(params.offset)
            .all(decoding: FollowUpNote.self)
        guard !notes.isEmpty else {
            return html + HTML(raw: "<section class=\"card\"><p class=\"muted\">\(escapeHTML(req.t("note.none")))</p></section>")
        }
        let reasons = try await DictionaryService.labels("unsigned_reason", db: req.db, cache: req.host.cache, language: req.language)
        var items = "<ol class=\"timeline\">"
        for note in notes { items += item(note, reasons: reasons) }
        items += "</ol>"
        let page = PageInfo(page: params.page, pageSize: params.pageSize, total: total, totalIsCapped: capped)
        let pager = PagedTable(columns: [], rows: [], page: page, baseURL: base,
                               query: [("tab", "notes"), ("q", q["q"]), ("tag", q["tag"]), ("from", q["from"]), ("to", q["to"])].filter { !$0.1.isEmpty })
        return html + HTML(raw: "<section class=\"card\">" + items) + pager.renderPagination(strings: req.uiStrings) + HTML(raw: "</section>")
    }

    func item(_ note: FollowUpNote, reasons: [String: String]) -> String {
        var meta = [presenter.time(note.contact_at), presenter.staffName(note.author_id),
                    req.t("effective.\(note.effective)"), "\(req.t("note.sign_status")): \(req.t("sign.\(note.sign_status)"))"]
        if !note.intention.isEmpty { meta.append("\(req.t("note.intention")): \(req.t("intention.\(note.intention)"))") }
        if !note.unsigned_reason.isEmpty { meta.append("\(req.t("note.unsigned_reason")): \(reasons[note.unsigned_reason] ?? note.unsigned_reason)") }
        if let next = note.next_contact_at { meta.append("\(req.t("note.next_contact_at")): \(presenter.time(next))") }
        var html = "<li class=\"timeline-item\" id=\"note-\(note.id)\"><p class=\"muted\">\(escapeHTML(meta.joined(separator: " · ")))</p>"
        html += "<p>\(escapeHTML(note.remark))</p>"
        if !note.tagList.isEmpty {
            html += "<p>" + note.tagList.map { Badge(text: $0, kind: .plain).render().raw }.joined(separator: " ") + "</p>"
        }
        var actions: [String] = []
        if req.access.decide("note", "edit", owner: note.author_id) == .allowed {
            actions.append(RowAction(label: req.t("action.edit"), href: "\(req.base)/notes/\(note.id)/edit").render(csrfToken: req.csrfToken).raw)
        }
        if req.access.decide("note", "delete", owner: note.author_id) == .allowed {
            actions.append(RowAction(label: req.t("action.delete"), href: "\(req.base)/notes/\(note.id)/delete", method: "post",
                                     confirm: req.uiStrings.confirmDelete, danger: true).render(csrfToken: req.csrfToken).raw)
        }
        if !actions.isEmpty { html += "<p class=\"actions\">\(actions.joined(separator: " "))</p>" }
        return html + "</li>"
    }
}
