import Foundation
import PluginAPI
import SQLKit

/// What a matchmaker does with a consultation: mark it important, record the processing result, mark it processed or
/// pending again, delete it. Every change is judged by the kernel on the consultation's owner.
struct ConsultActionPages: Sendable {
    static let resultLimit = 2000

    func register(_ routes: inout RouteCollector) throws {
        try routes.post("/:id/important", .requires("consultation", "edit"), toggleImportant)
        try routes.post("/:id/result", .requires("consultation", "edit"), saveResult)
        try routes.post("/:id/process", .requires("consultation", "edit"), process)
        try routes.post("/:id/reopen", .requires("consultation", "edit"), reopen)
        try routes.post("/:id/delete", .requires("consultation", "delete"), delete)
        try ConsultEditPages().register(&routes)
        try ConsultConversion().register(&routes)
    }

    static var now: Int64 { Int64(Date().timeIntervalSince1970) }

    @Sendable func toggleImportant(_ req: ModuleRequest) async throws -> ModuleResponse {
        let c = try await ConsultAccess.load(req, "edit")
        let important = c.isImportant ? 0 : 1
        try await req.db.update("consult_consultation").set("important", to: important).set("updated_at", to: Self.now).where("id", .equal, c.id).run()
        return .redirect(Self.back(req, c), flash: .success(req.t(important == 1 ? "flash.important" : "flash.unimportant")))
    }

    @Sendable func saveResult(_ req: ModuleRequest) async throws -> ModuleResponse {
        let c = try await ConsultAccess.load(req, "edit")
        let result = req.form["result"]
        var v = Validator(language: req.language)
        v.required("result", result, label: req.t("field.result"))
        v.length("result", result, 1...Self.resultLimit, label: req.t("field.result"))
        guard v.isValid else { return try await ConsultDetailPages.render(req, id: c.id, resultErrors: v.errors, status: 422) }
        let markProcessed = c.isPending && req.form.bool("processed"), actor = req.user?.id
        try await req.transaction { tx in
            let update = tx.db.update("consult_consultation").set("result", to: result).set("updated_at", to: Self.now)
            if markProcessed {
                update.set("status", to: Consultation.processed).set("processed_at", to: Self.now).set("processed_by", to: SQLBind(actor))
            }
            try await update.where("id", .equal, c.id).run()
            try await tx.audit(AuditEntry(module: "consult", action: "consultation.result", target: "consultation:\(c.id)",
                                          before: c.result, after: result + (markProcessed ? " [processed]" : "")))
        }
        return .redirect("\(req.base)/\(c.id)", flash: .success(req.t(markProcessed ? "flash.processed" : "flash.resultSaved")))
    }

    @Sendable func process(_ req: ModuleRequest) async throws -> ModuleResponse {
        let c = try await ConsultAccess.load(req, "edit")
        guard c.isPending else { return .redirect("\(req.base)/\(c.id)", flash: .info(req.t("flash.alreadyProcessed"))) }
        let actor = req.user?.id
        try await req.transaction { tx in
            try await tx.db.update("consult_consultation").set("status", to: Consultation.processed).set("processed_at", to: Self.now)
                .set("processed_by", to: SQLBind(actor)).set("updated_at", to: Self.now).where("id", .equal, c.id).run()
            try await tx.audit(AuditEntry(module: "consult", action: "consultation.process", target: "consultation:\(c.id)",
                                          before: c.status, after: Consultation.processed))
        }
        return .redirect(Self.back(req, c), flash: .success(req.t("flash.processed")))
    }

    @Sendable func reopen(_ req: ModuleRequest) async throws -> ModuleResponse {
        let c = try await ConsultAccess.load(req, "edit")
        guard !c.isPending else { return .redirect("\(req.base)/\(c.id)") }
        try await req.transaction { tx in
            try await tx.db.update("consult_consultation").set("status", to: Consultation.pending).set("processed_at", to: SQLLiteral.null)
                .set("processed_by", to: SQLLiteral.null).set("updated_at", to: Self.now).where("id", .equal, c.id).run()
            try await tx.audit(AuditEntry(module: "consult", action: "consultation.reopen", target: "consultation:\(c.id)",
                                          before: c.status, after: Consultation.pending))
        }
        return .redirect("\(req.base)/\(c.id)", flash: .success(req.t("flash.reopened")))
    }

    @Sendable func delete(_ req: ModuleRequest) async throws -> ModuleResponse {
        let c = try await ConsultAccess.load(req, "delete")
        try await req.transaction { tx in
            try await tx.db.delete(from: "consult_allocation").where("consultation_id", .equal, c.id).run()
            try await tx.db.delete(from: "consult_consultation").where("id", .equal, c.id).run()
            try await tx.audit(AuditEntry(module: "consult", action: "consultation.delete", target: "consultation:\(c.id)",
                                          before: "\(c.contact_name) \(c.mobile): \(c.message)"))
        }
        let list = c.isPending ? ConsultListPages.List.pending : .processed
        return .redirect(req.base + list.path, flash: .success(req.t("flash.deleted")))
    }

    /// Back to the list the row action was taken on (`?back=list|detail`), else to the consultation.
    static func back(_ req: ModuleRequest, _ c: Consultation) -> String {
        guard let list = ConsultListPages.List(rawValue: req.query["back"]) else { return "\(req.base)/\(c.id)" }
        return req.base + list.path
    }
}
