import Foundation
import PluginAPI
import SQLKit

/// 咨询/申请红娘一对一服务 (manual 4.4): the public `/consult` form. A consultation naming a matchmaker shown on the public
/// site is assigned to them at once; any other waits for allocation.
struct PublicConsultPages: Sendable {
    func register(_ routes: inout RouteCollector) throws {
        try routes.root(.get, "/consult", form)
        try routes.root(.post, "/consult", submit)
    }

    /// The most matchmakers offered in the "designated matchmaker" choice.
    static let designationChoices = 200

    func page(_ req: ModuleRequest, values: FormData, errors: [String: String], status: Int = 200) async throws -> ModuleResponse {
        var fields = ConsultInput.fields(req, values: values, errors: errors)
        let designated = Int64(values["designated"]).flatMap { $0 > 0 ? $0 : nil }
        var intro = req.t("public.intro")
        if let designated, let matchmaker = try await req.host.publicStaff(id: designated), values.bool("fixed") {
            // "Contact this matchmaker": the choice is made; the visitor sees whom they write to.
            intro = req.t("public.introDesignated").replacingOccurrences(of: "{name}", with: matchmaker.name)
            fields.insert(FormField(name: "designated", label: "", kind: .hidden, value: String(designated)), at: 0)
            fields.insert(FormField(name: "fixed", label: "", kind: .hidden, value: "1"), at: 0)
        } else {
            let (staff, _) = try await req.host.publicStaff(page: 1, pageSize: Self.designationChoices)
            if !staff.isEmpty {
                fields.append(FormField(name: "designated", label: req.t("field.designated"),
                                        kind: .select(options: staff.map { SelectOption(value: String($0.id), label: $0.name) }, allowEmpty: true),
                                        value: values["designated"], error: errors["designated"], help: req.t("help.designated"),
                                        placeholder: req.t("public.anyMatchmaker")))
            }
        }
        fields += try await ArithmeticChallenge.issue(db: req.db).fields(language: req.language, error: errors["answer"])
        let form = FormView(action: "/consult", csrfToken: req.csrfToken, fields: fields, submitLabel: req.t("public.submit"),
                            formError: errors.isEmpty ? nil : (errors["_form"] ?? req.uiStrings.formHasErrors), id: "consult-form")
        let body = PublicNav.render(req, current: "/consult")
            + HTML(raw: "<section class=\"card\"><p>\(escapeHTML(intro))</p>") + form.render(strings: req.uiStrings) + HTML(raw: "</section>")
        return .page(title: req.t("public.title"), body: body, status: status)
    }

    /// `GET /consult[?matchmaker=id]`: with a matchmaker shown on the public site, the form is addressed to them.
    @Sendable func form(_ req: ModuleRequest) async throws -> ModuleResponse {
        var values = FormData()
        if let id = Int64(req.query["matchmaker"]), try await req.host.publicStaff(id: id) != nil {
            values.fields["designated"] = [String(id)]
            values.fields["fixed"] = ["1"]
        }
        return try await page(req, values: values, errors: [:])
    }

    @Sendable func submit(_ req: ModuleRequest) async throws -> ModuleResponse {
        let limit = SubmissionLimit(table: "consult_attempt", perWindow: req.settings.int("consult_limit", 5))
        guard try await limit.admit(req.clientAddress, db: req.db) else {
            return try await page(req, values: req.form, errors: ["_form": req.t("public.limited")], status: 429)
        }
        let input = ConsultInput(req.form)
        var errors = input.errors(req)
        var designated: Int64?
        if !req.form["designated"].isEmpty {
            // Only a matchmaker shown on the public site may be named.
            if let id = Int64(req.form["designated"]), try await req.host.publicStaff(id: id) != nil { designated = id }
            else { errors["designated"] = req.t("rule.designated") }
        }
        if !(try await ArithmeticChallenge.isAnswered(form: req.form, db: req.db)) {
            errors["answer"] = ArithmeticChallenge.wrongAnswer(req.language)
        }
        guard errors.isEmpty else { return try await page(req, values: req.form, errors: errors, status: 422) }
        let address = req.clientAddress, chosen = designated
        try await req.transaction { tx in
            let now = Int64(Date().timeIntervalSince1970)
            let id = try await tx.db.insert(into: "consult_consultation")
                .columns("contact_name", "mobile", "message", "designated_id", "owner_id", "status", "source_address", "created_at", "updated_at")
                .values(SQLBind(input.contactName), SQLBind(input.mobile), SQLBind(input.message), SQLBind(chosen), SQLBind(chosen),
                        SQLBind(Consultation.pending), SQLBind(address), SQLBind(now), SQLBind(now))
                .returning("id").first(decodingColumn: "id", as: Int64.self) ?? 0
            var payload = ["consultation_id": String(id)]
            if let chosen { payload["owner_id"] = String(chosen) }
            try await tx.publish(Event("consultation.created", payload))
        }
        let body = PublicNav.render(req, current: "/consult")
            + HTML(raw: "<section class=\"card\"><p class=\"flash success\" role=\"status\">\(escapeHTML(req.t("public.done")))</p></section>")
        return .page(title: req.t("public.title"), body: body)
    }
}
