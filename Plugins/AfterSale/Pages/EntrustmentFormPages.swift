import Foundation
import Members
import PluginAPI
import SQLKit

/// Recording a front entrustment for a signed member, processing it with a result, and deleting it (confirmed, audited).
struct EntrustmentFormPages: Sendable {
    func register(_ routes: inout RouteCollector) throws {
        try routes.get("/entrustments/new", .requires("entrustment", "add"), newForm)
        try routes.post("/entrustments", .requires("entrustment", "add"), create)
        try routes.get("/entrustments/:id/process", .requires("entrustment", "edit"), processForm)
        try routes.post("/entrustments/:id/process", .requires("entrustment", "edit"), process)
        try routes.post("/entrustments/:id/delete", .requires("entrustment", "delete"), delete)
    }

    func page(_ req: ModuleRequest, member: MemberRecord, errors: [String: String], status: Int = 200) -> ModuleResponse {
        let form = FormView(action: "\(req.base)/entrustments", csrfToken: req.csrfToken, fields: [
            FormField(name: "member", label: "", kind: .hidden, value: String(member.id)),
            FormField(name: "content", label: req.t("entrustment.content"), kind: .textarea(rows: 4), value: req.form["content"], required: true,
                      error: errors["content"], help: req.t("entrustment.contentHelp"), maxLength: 1000),
        ], submitLabel: req.t("action.save"), cancelHref: "\(req.base)/\(member.id)",
           formError: errors.isEmpty ? nil : req.uiStrings.formHasErrors)
        return .page(title: "\(req.t("entrustment.new")) · \(member.username)",
                     body: HTML(raw: "<section class=\"card\">") + form.render(strings: req.uiStrings) + HTML(raw: "</section>"), status: status)
    }

    @Sendable func newForm(_ req: ModuleRequest) async throws -> ModuleResponse {
        guard let id = Int64(req.query["member"]) else { throw ModuleError.notFound }
        return page(req, member: try await MemberDirectory.load(req, id: id), errors: [:])
    }

    @Sendable func create(_ req: ModuleRequest) async throws -> ModuleResponse {
        guard let id = Int64(req.form["member"]), let user = req.user else { throw ModuleError.notFound }
        let member = try await MemberDirectory.load(req, id: id)
        let content = req.form["content"].trimmingCharacters(in: .whitespacesAndNewlines)
        var v = Validator(language: req.language)
        v.required("content", content, label: req.t("entrustment.content"))
        v.length("content", content, 1...1000, label: req.t("entrustment.content"))
        if !member.signed { v.add("content", req.t("entrustment.signedOnly")) }
        guard v.isValid else { return page(req, member: member, errors: v.errors, status: 422) }
        let owner = member.aftersaleOwnerID ?? user.id
        try await req.transaction { tx in
            let now = Int64(Date().timeIntervalSince1970)
            let id = try await tx.db.insert(into: "aftersale_entrustment").columns("member_id", "owner_id", "content", "status", "created_by", "created_at")
                .values(SQLBind(member.id), SQLBind(owner), SQLBind(content), SQLBind("pending"), SQLBind(user.id), SQLBind(now))
                .returning("id").first(decodingColumn: "id", as: Int64.self) ?? 0
            try await tx.audit(AuditEntry(module: "aftersale", action: "entrustment.create", target: "entrustment:\(id)", after: content))
        }
        return .redirect("\(req.base)/entrustments?status=pending", flash: .success(req.t("entrustment.saved")))
    }

    func processPage(_ req: ModuleRequest, _ row: Entrustment, errors: [String: String], status: Int = 200) -> ModuleResponse {
        let form = FormView(action: "\(req.base)/entrustments/\(row.id)/process", csrfToken: req.csrfToken, fields: [
            FormField(name: "result", label: req.t("entrustment.result"), kind: .textarea(rows: 4), value: req.form["result"], required: true,
                      error: errors["result"], maxLength: 1000),
        ], submitLabel: req.t("entrustment.process"), cancelHref: "\(req.base)/entrustments",
           formError: errors.isEmpty ? nil : req.uiStrings.formHasErrors)
        let body = HTML(raw: "<section class=\"card\"><p>") + .text(row.content) + HTML(raw: "</p>") + form.render(strings: req.uiStrings)
            + HTML(raw: "</section>")
        return .page(title: req.t("entrustment.process"), body: body, status: status)
    }

    @Sendable func processForm(_ req: ModuleRequest) async throws -> ModuleResponse {
        processPage(req, try await Entrustment.load(req, "edit"), errors: [:])
    }

    /// Records the result and marks the entrustment processed — once: a processed one is not processed again.
    @Sendable func process(_ req: ModuleRequest) async throws -> ModuleResponse {
        let row = try await Entrustment.load(req, "edit")
        let result = req.form["result"].trimmingCharacters(in: .whitespacesAndNewlines)
        var v = Validator(language: req.language)
        v.required("result", result, label: req.t("entrustment.result"))
        v.length("result", result, 1...1000, label: req.t("entrustment.result"))
        guard v.isValid else { return processPage(req, row, errors: v.errors, status: 422) }
        let done = try await req.transaction { tx -> Bool in
            let changed = try await tx.db.update("aftersale_entrustment").set("status", to: "processed").set("result", to: result)
                .set("processed_at", to: Int64(Date().timeIntervalSince1970)).set("processed_by", to: SQLBind(req.user?.id))
                .where("id", .equal, row.id).where("status", .equal, "pending").returning("id").all()
            guard !changed.isEmpty else { return false }
            try await tx.audit(AuditEntry(module: "aftersale", action: "entrustment.process", target: "entrustment:\(row.id)", after: result))
            return true
        }
        guard done else { return .redirect("\(req.base)/entrustments?status=processed", flash: .error(req.t("entrustment.alreadyProcessed"))) }
        return .redirect("\(req.base)/entrustments?status=processed", flash: .success(req.t("entrustment.processed")))
    }

    @Sendable func delete(_ req: ModuleRequest) async throws -> ModuleResponse {
        let row = try await Entrustment.load(req, "delete")
        try await req.transaction { tx in
            try await tx.db.delete(from: "aftersale_entrustment").where("id", .equal, row.id).run()
            try await tx.audit(AuditEntry(module: "aftersale", action: "entrustment.delete", target: "entrustment:\(row.id)", before: row.content))
        }
        return .redirect("\(req.base)/entrustments?status=\(row.status)", flash: .success(req.t("entrustment.deleted")))
    }
}
