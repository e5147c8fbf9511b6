import Kernel
import Members
import PluginAPI
import SQLKit

/// One consultation: its details, the member it became or matches, the processing result, the allocation and its history.
struct ConsultDetailPages: Sendable {
    func register(_ routes: inout RouteCollector) throws {
        try routes.get("/:id", .requires("consultation", "view")) { req in try await Self.render(req, id: try req.id()) }
    }

    static func render(_ req: ModuleRequest, id: Int64, resultErrors: [String: String] = [:], allocationErrors: [String: String] = [:],
                       status: Int = 200) async throws -> ModuleResponse {
        let c = try await ConsultAccess.load(req, "view", id: id)
        let site = req.site
        let rows = try await ConsultRows.make(req, [c], timeZone: site.timeZone)
        var body = details(req, c, rows)
        body += try await memberCard(req, c)
        body += processing(req, c, rows, errors: resultErrors)
        if ConsultAccess.decide(req, c, "allocate") == .allowed {
            body += try await allocationForm(req, c, errors: allocationErrors)
        }
        body += try await history(req, c, rows)
        return .page(title: "\(req.t("detail.title")) #\(c.id) · \(c.contact_name)", body: body, toolbar: toolbar(req, c, rows), status: status)
    }

    static func item(_ req: ModuleRequest, _ key: String, _ value: HTML) -> String {
        "<dt>\(escapeHTML(req.t(key)))</dt><dd>\(value.raw)</dd>"
    }

    static func details(_ req: ModuleRequest, _ c: Consultation, _ rows: ConsultRows) -> HTML {
        var html = "<section class=\"card\"><dl class=\"details\">"
        html += item(req, "field.contact_name", .text(c.contact_name)) + item(req, "field.mobile", .text(c.mobile))
        html += item(req, "field.created", .text(AgencyTime.format(c.created_at, timeZone: rows.timeZone)))
        html += item(req, "field.status", rows.status(c))
        html += item(req, "field.designated", .text(c.designated_id == nil ? req.t("designated.none") : rows.staffName(c.designated_id)))
        html += item(req, "field.owner", rows.owner(c))
        if c.processed_at != nil {
            html += item(req, "field.processed_at", .text("\(AgencyTime.format(c.processed_at, timeZone: rows.timeZone)) · \(rows.staffName(c.processed_by))"))
        }
        html += item(req, "field.source_address", .text(c.source_address.isEmpty ? "—" : c.source_address))
        html += item(req, "field.message", HTML.paragraphs(c.message))
        return HTML(raw: html + "</dl></section>")
    }

    /// The member this consultation became, or the member with the same mobile, or "convert into a member".
    static func memberCard(_ req: ModuleRequest, _ c: Consultation) async throws -> HTML {
        var html = HTML(raw: "<section class=\"card\" id=\"member\"><h2>\(escapeHTML(req.t("member.title")))</h2>")
        let canEdit = ConsultAccess.decide(req, c, "edit") == .allowed
        if let memberID = c.member_id {
            let member = try await MemberDirectory.records(ids: [memberID], db: req.db)[memberID]
            let name = member.flatMap { MemberDirectory.allows(req, $0, "view") ? $0 : nil }
                .map { HTML.link("\($0.username) (UID \(memberID))", href: "/m/members/\(memberID)") } ?? .text("UID \(memberID)")
            return html + HTML(raw: "<p>\(escapeHTML(req.t("member.linked"))) ") + name + HTML(raw: "</p></section>")
        }
        switch try await MemberDirectory.findByMobile(req, c.mobile) {
        case .visible(let member):
            html += HTML(raw: "<p>\(escapeHTML(req.t("member.sameMobile"))) ")
                + HTML.link("\(member.username) (UID \(member.id))", href: "/m/members/\(member.id)") + HTML(raw: "</p>")
            if canEdit {
                html += RowAction(label: req.t("action.link"), href: "\(req.base)/\(c.id)/link", method: "post",
                                  confirm: req.t("confirm.link")).render(csrfToken: req.csrfToken)
            }
        case .hidden:
            html += HTML(raw: "<p>\(escapeHTML(req.t("member.sameMobileHidden")))</p>")
        case .none:
            html += HTML(raw: "<p class=\"muted\">\(escapeHTML(req.t("member.none")))</p>")
            if canEdit, req.access.forModule("members").isGranted("member", "add") {
                html += RowAction(label: req.t("action.convert"), href: "\(req.base)/\(c.id)/convert", method: "post")
                    .render(csrfToken: req.csrfToken)
            }
        }
        return html + HTML(raw: "</section>")
    }

    /// The result and, with `edit`, the form to record it (and mark the consultation processed).
    static func processing(_ req: ModuleRequest, _ c: Consultation, _ rows: ConsultRows, errors: [String: String]) -> HTML {
        var html = HTML(raw: "<section class=\"card\" id=\"result\"><h2>\(escapeHTML(req.t("field.result")))</h2>")
        guard ConsultAccess.decide(req, c, "edit") == .allowed else {
            return html + (c.result.isEmpty ? HTML(raw: "<p class=\"muted\">—</p>") : HTML.paragraphs(c.result)) + HTML(raw: "</section>")
        }
        let value = errors.isEmpty ? c.result : (req.form.fields["result"]?.first ?? "")
        var fields = [FormField(name: "result", label: req.t("field.result"), kind: .textarea(rows: 4), value: value, required: true,
                                error: errors["result"], maxLength: ConsultActionPages.resultLimit)]
        if c.isPending {
            fields.append(FormField(name: "processed", label: req.t("result.markProcessed"), kind: .checkbox,
                                    value: errors.isEmpty ? "1" : req.form["processed"]))
        }
        let form = FormView(action: "\(req.base)/\(c.id)/result", csrfToken: req.csrfToken, fields: fields, submitLabel: req.t("action.saveResult"),
                            formError: errors.isEmpty ? nil : req.uiStrings.formHasErrors, id: "result-form")
        html += form.render(strings: req.uiStrings)
        return html + HTML(raw: "</section>")
    }

    /// Allocation of this one consultation, with the same dialog as the lists' batch allocation.
    static func allocationForm(_ req: ModuleRequest, _ c: Consultation, errors: [String: String]) async throws -> HTML {
        let fields = try await ConsultListPages.allocation.fields(req, errors: errors)
        return HTML(raw: "<section class=\"card\" id=\"allocate\"><h2>\(escapeHTML(req.t("action.allocate")))</h2>")
            + BatchAllocation.summary(errors)
            + HTML(raw: "<form method=\"post\" action=\"\(escapeAttr("\(req.base)/allocate?consultation=\(c.id)"))\" class=\"form-view\">"
                   + "<input type=\"hidden\" name=\"_csrf\" value=\"\(escapeAttr(req.csrfToken))\">"
                   + "<input type=\"hidden\" name=\"ids\" value=\"\(c.id)\"><div class=\"form-grid\">")
            + fields
            + HTML(raw: "</div><div class=\"form-actions\"><button type=\"submit\" class=\"btn primary\" data-confirm=\"\(escapeAttr(req.t("alloc.confirmOne")))\">"
                   + "\(escapeHTML(req.t("action.allocate")))</button></div></form></section>")
    }

    static func history(_ req: ModuleRequest, _ c: Consultation, _ rows: ConsultRows) async throws -> HTML {
        struct Row: Decodable { let from_owner: Int64?; let to_owner: Int64; let by_user: Int64; let at: Int64; let remark: String }
        let records = try await req.db.select().columns("from_owner", "to_owner", "by_user", "at", "remark").from("consult_allocation")
            .where("consultation_id", .equal, c.id).orderBy("at", .descending).orderBy("id", .descending).limit(100).all(decoding: Row.self)
        guard !records.isEmpty else { return .empty }
        var html = "<section class=\"card\"><h2>\(escapeHTML(req.t("alloc.history")))</h2><table class=\"plain\"><thead><tr>"
        for key in ["alloc.time", "alloc.from", "alloc.to", "alloc.by", "alloc.remark"] { html += "<th>\(escapeHTML(req.t(key)))</th>" }
        html += "</tr></thead><tbody>"
        for r in records {
            html += "<tr><td>\(escapeHTML(AgencyTime.format(r.at, timeZone: rows.timeZone)))</td><td>\(escapeHTML(rows.staffName(r.from_owner)))</td>"
                + "<td>\(escapeHTML(rows.staffName(r.to_owner)))</td><td>\(escapeHTML(rows.staffName(r.by_user)))</td><td>\(escapeHTML(r.remark))</td></tr>"
        }
        return HTML(raw: html + "</tbody></table></section>")
    }

    /// Importance, edit, processed/pending and delete, each as the kernel allows.
    static func toolbar(_ req: ModuleRequest, _ c: Consultation, _ rows: ConsultRows) -> HTML {
        var actions = rows.actions(c).filter { !$0.href.hasSuffix("/\(c.id)") }
        if !c.isPending, ConsultAccess.decide(req, c, "edit") == .allowed {
            actions.insert(RowAction(label: req.t("action.reopen"), href: "\(req.base)/\(c.id)/reopen", method: "post",
                                     confirm: req.t("confirm.reopen")), at: min(2, actions.count))
        }
        return HTML.join(actions.map { $0.render(csrfToken: req.csrfToken) }, separator: HTML(raw: " "))
    }
}
