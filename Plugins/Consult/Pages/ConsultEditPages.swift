import Foundation
import PluginAPI
import SQLKit

/// 修改: the contact details and message of a consultation, validated like the public form.
struct ConsultEditPages: Sendable {
    func register(_ routes: inout RouteCollector) throws {
        try routes.get("/:id/edit", .requires("consultation", "edit"), editForm)
        try routes.post("/:id", .requires("consultation", "edit"), update)
    }

    func page(_ req: ModuleRequest, _ c: Consultation, values: FormData, errors: [String: String], status: Int = 200) -> ModuleResponse {
        let form = FormView(action: "\(req.base)/\(c.id)", csrfToken: req.csrfToken, fields: ConsultInput.fields(req, values: values, errors: errors),
                            submitLabel: req.t("action.save"), cancelHref: "\(req.base)/\(c.id)",
                            formError: errors.isEmpty ? nil : req.uiStrings.formHasErrors, id: "consult-edit")
        return .page(title: "\(req.t("action.edit")) · #\(c.id)", body: form.render(strings: req.uiStrings), status: status)
    }

    @Sendable func editForm(_ req: ModuleRequest) async throws -> ModuleResponse {
        let c = try await ConsultAccess.load(req, "edit")
        return page(req, c, values: FormData(fields: ["contact_name": [c.contact_name], "mobile": [c.mobile], "message": [c.message]]), errors: [:])
    }

    @Sendable func update(_ req: ModuleRequest) async throws -> ModuleResponse {
        let c = try await ConsultAccess.load(req, "edit")
        let input = ConsultInput(req.form)
        let errors = input.errors(req)
        guard errors.isEmpty else { return page(req, c, values: req.form, errors: errors, status: 422) }
        try await req.transaction { tx in
            try await tx.db.update("consult_consultation").set("contact_name", to: input.contactName).set("mobile", to: input.mobile)
                .set("message", to: input.message).set("updated_at", to: Int64(Date().timeIntervalSince1970)).where("id", .equal, c.id).run()
            try await tx.audit(AuditEntry(module: "consult", action: "consultation.update", target: "consultation:\(c.id)",
                                          before: "\(c.contact_name) \(c.mobile)", after: "\(input.contactName) \(input.mobile)"))
        }
        return .redirect("\(req.base)/\(c.id)", flash: .success(req.t("flash.saved")))
    }
}
