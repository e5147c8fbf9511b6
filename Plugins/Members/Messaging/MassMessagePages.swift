import Foundation
import PluginAPI
import SQLKit

/// 群发: a message (optionally from a template) to the members of a search or the ticked rows of a list, within what the
/// sender sees. Compose → preview (how many receive it, how many are left out and why, the first three messages as sent)
/// → send: the send and its recipients are stored in one transaction with its audit entry, and ``MassMessageJob`` queues
/// the messages in the outbox in the background, batch by batch.
struct MassMessagePages: Sendable {
    func register(_ routes: inout RouteCollector) throws {
        try routes.get("/mass", .requires("massMessage", "view"), list)
        try routes.get("/mass/new", .requires("massMessage", "send"), compose)
        try routes.post("/mass/new", .requires("massMessage", "send"), ticked)
        try routes.post("/mass/preview", .requires("massMessage", "send"), preview)
        try routes.post("/mass", .requires("massMessage", "send"), send)
        try routes.get("/mass/:send", .requires("massMessage", "view"), show)
    }

    /// The search of the list the user came from, without the compose page's own parameters.
    static func selection(_ req: ModuleRequest) -> MassSelection? {
        if !req.query["selection"].isEmpty { return MassSelection(encoded: req.query["selection"]) }
        let search = MemberSearch(req: req, today: "").activeFilters.map { QueryItem($0.0, $0.1) }
        return MassSelection(.search(String(QueryItem.url("", search).dropFirst())))
    }

    /// The batch action of a member list: the ticked ids, carried to the compose page.
    @Sendable func ticked(_ req: ModuleRequest) async throws -> ModuleResponse {
        guard let selection = MassSelection(encoded: "ids:" + req.form.all("ids").joined(separator: ",")) else {
            return .redirect(req.base + "/", flash: .error(req.t("flash.noneSelected")))
        }
        return .redirect(QueryItem.url("\(req.base)/mass/new", [QueryItem("selection", selection.encoded)]))
    }

    @Sendable func compose(_ req: ModuleRequest) async throws -> ModuleResponse {
        guard let selection = Self.selection(req) else { throw ModuleError.badRequest(req.t("mass.badSelection")) }
        var values = FormData(fields: ["channel": ["internal"]])
        if req.access.isGranted("messageTemplate", "view"), let id = Int64(req.query["template"]),
           let template = try await MessageTemplate.find(id, db: req.db) {
            values = FormData(fields: ["channel": [template.channel], "subject": [template.subject], "body": [template.body]])
        }
        return try await page(req, selection, values: values, errors: [:])
    }

    func page(_ req: ModuleRequest, _ selection: MassSelection, values: FormData, errors: [String: String], status: Int = 200) async throws
        -> ModuleResponse {
        let zone = req.site.timeZone
        let selected = try await MassSelection.count(selection.members(req, timeZone: zone), db: req.db)
        var body = HTML.element("p", [:], .text(req.t("mass.selected").replacingOccurrences(of: "{n}", with: UIFormat.grouped(selected))))
        let templates = req.access.isGranted("messageTemplate", "view") ? try await MessageTemplate.all(req.db) : []
        if !templates.isEmpty {
            let links = templates.map {
                HTML.link($0.name, href: QueryItem.url("\(req.base)/mass/new", [QueryItem("selection", selection.encoded), QueryItem("template", String($0.id))]),
                          class: "btn small")
            }
            body += HTML.element("p", [:], .text(req.t("mass.useTemplate") + " ") + HTML.join(links, separator: .text(" ")))
        }
        let form = FormView(action: "\(req.base)/mass/preview", csrfToken: req.csrfToken, fields: MessageTemplate.fields(req, values: values, errors: errors)
            + [FormField(name: "selection", label: "", kind: .hidden, value: selection.encoded)],
            submitLabel: req.t("mass.preview"), cancelHref: req.base + "/", formError: errors.isEmpty ? nil : req.uiStrings.formHasErrors,
            id: "mass-form")
        body += form.render(strings: req.uiStrings)
        return .page(title: req.t("mass.title"), body: HTML.element("section", ["class": "card"], body), status: status)
    }

    func errors(_ req: ModuleRequest) -> [String: String] {
        var v = Validator(language: req.language)
        MessageTemplate.validate(req.form, &v, t: req.t)
        return v.errors
    }

    @Sendable func preview(_ req: ModuleRequest) async throws -> ModuleResponse {
        guard let selection = MassSelection(encoded: req.form["selection"]) else { throw ModuleError.badRequest(req.t("mass.badSelection")) }
        let errors = errors(req)
        guard errors.isEmpty, let channel = OutboxChannel(rawValue: req.form["channel"]) else {
            return try await page(req, selection, values: req.form, errors: errors, status: 422)
        }
        let site = req.site
        let members = selection.members(req, timeZone: site.timeZone)
        let counts = try await MassSelection.counts(members, channel: channel, db: req.db)
        let reachable = selection.reachableMembers(req, channel: channel, timeZone: site.timeZone)
        let first = try await req.db.select().columns(MassMessageJob.Recipient.columns.map { SQLColumn($0) }).from("members_member")
            .where(reachable.predicate).orderBy("id").limit(3).all(decoding: MassMessageJob.Recipient.self)
        let staff = try await MemberStaff.names(req)
        let f = req.form
        var summary = CountList()
        summary.add(req.t("mass.count.selected"), counts.selected)
        summary.add(req.t("mass.count.reachable"), counts.reachable)
        summary.add(req.t("mass.count.optedOut"), counts.optedOut)
        if channel != .internal { summary.add(req.t("mass.count.noAddress.\(channel.rawValue)"), counts.noAddress) }
        var body = HTML.element("section", ["class": "card"], HTML.element("h2", [:], .text(req.t("mass.summary"))) + summary.render())
        for member in first {
            guard let message = member.message(channel: channel, subject: MessageText(f["subject"]), body: MessageText(f["body"]), staff: staff,
                                               agency: site.agencyName)
            else { continue }
            let heading = "\(member.username) · UID \(member.id)" + (message.subject.isEmpty ? "" : " · \(message.subject)")
            body += HTML.element("article", ["class": "card mass-sample"], HTML.element("h3", [:], .text(heading)) + .paragraphs(message.body))
        }
        // A fresh token per preview: the send is stored once per token, so a second click or a resubmitted form makes no second send.
        let hidden = ["selection", "channel", "subject", "body"].map { FormField(name: $0, label: "", kind: .hidden, value: f[$0]) }
            + [FormField(name: "token", label: "", kind: .hidden, value: UUID().uuidString)]
        let confirm = FormView(action: "\(req.base)/mass", csrfToken: req.csrfToken, fields: hidden,
                               submitLabel: req.t("mass.sendTo").replacingOccurrences(of: "{n}", with: UIFormat.grouped(counts.reachable)),
                               cancelHref: QueryItem.url("\(req.base)/mass/new", [QueryItem("selection", selection.encoded)]), id: "mass-confirm")
        body += HTML.element("section", ["class": "card"], counts.reachable > 0 ? confirm.render(strings: req.uiStrings)
                                                                            : HTML.element("p", ["class": "muted"], .text(req.t("mass.nobody"))))
        return .page(title: req.t("mass.previewTitle"), body: body)
    }

    @Sendable func send(_ req: ModuleRequest) async throws -> ModuleResponse {
        guard let selection = MassSelection(encoded: req.form["selection"]) else { throw ModuleError.badRequest(req.t("mass.badSelection")) }
        let errors = errors(req)
        guard errors.isEmpty, let channel = OutboxChannel(rawValue: req.form["channel"]), let user = req.user else {
            return try await page(req, selection, values: req.form, errors: errors, status: 422)
        }
        let f = req.form, token = f["token"]
        guard !token.isEmpty, token.count <= 64 else { throw ModuleError.badRequest(req.t("mass.badSelection")) }
        if let earlier = try await Self.send(token: token, db: req.db) {
            return .redirect("\(req.base)/mass/\(earlier)", flash: .info(req.t("mass.alreadySent")))
        }
        let site = req.site
        let reachable = selection.reachableMembers(req, channel: channel, timeZone: site.timeZone).predicate
        let now = Int64(Date().timeIntervalSince1970)
        let selected = try await MassSelection.count(selection.members(req, timeZone: site.timeZone), db: req.db)
        let id: Int64, queued: Int
        do {
            (id, queued) = try await store(req, channel: channel, selection: selection, reachable: reachable, selected: selected, now: now,
                                           user: user.id)
        } catch is NoRecipients {
            return try await page(req, selection, values: f, errors: ["channel": req.t("mass.nobody")], status: 422)
        } catch {
            // The same token stored by a request that was a moment faster (a double click): that send stands.
            guard let earlier = try await Self.send(token: token, db: req.db) else { throw error }
            return .redirect("\(req.base)/mass/\(earlier)", flash: .info(req.t("mass.alreadySent")))
        }
        let flash = req.t("mass.started").replacingOccurrences(of: "{n}", with: UIFormat.grouped(queued))
        return .redirect("\(req.base)/mass/\(id)", flash: .success(flash))
    }

    struct NoRecipients: Error {}

    /// The send stored with `token`, if any.
    static func send(token: String, db: any SQLDatabase) async throws -> Int64? {
        try await db.select().column("id").from("members_mass_send").where("token", .equal, token).first(decodingColumn: "id", as: Int64.self)
    }

    /// Stores the send and its recipients with the audit entry, in one transaction; none when nobody would receive it.
    func store(_ req: ModuleRequest, channel: OutboxChannel, selection: MassSelection, reachable: any SQLExpression, selected: Int, now: Int64,
               user: Int64) async throws -> (Int64, Int) {
        let f = req.form
        return try await req.transaction { tx -> (Int64, Int) in
            let id = try await tx.db.insert(into: "members_mass_send")
                .columns("channel", "subject", "body", "selection", "total", "skipped", "queued", "status", "created_by", "created_at", "token")
                .values(SQLBind(channel.rawValue), SQLBind(f["subject"]), SQLBind(f["body"]), SQLBind(selection.encoded), SQLBind(0), SQLBind(0),
                        SQLBind(0), SQLBind("queued"), SQLBind(user), SQLBind(now), SQLBind(f["token"]))
                .returning("id").first(decodingColumn: "id", as: Int64.self) ?? 0
            try await tx.db.insert(into: "members_mass_recipient").columns("send_id", "member_id")
                .select { $0.column(SQLBind(id)).column("id").from("members_member").where(reachable) }.run()
            let recipients = try await tx.db.select().column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n").from("members_mass_recipient")
                .where("send_id", .equal, id).first(decodingColumn: "n", as: Int.self) ?? 0
            guard recipients > 0 else { throw NoRecipients() }
            let total = max(selected, recipients)
            try await tx.db.update("members_mass_send").set("total", to: total).set("skipped", to: total - recipients).where("id", .equal, id).run()
            try await tx.audit(AuditEntry(module: "members", action: "member.massMessage", target: "mass:\(id)",
                                          after: "\(channel.rawValue); \(recipients) recipients, \(total - recipients) left out; \(selection.encoded)"))
            return (id, recipients)
        }
    }
}
