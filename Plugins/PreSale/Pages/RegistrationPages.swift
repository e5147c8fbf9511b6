import Foundation
import Members
import PluginAPI
import SQLKit

/// 前台会员登记 (manual 4.5): the public `/register` page, its live checks, and the staff page choosing required fields.
/// A registration lands as an unallocated member with source `front_registration`, in Members' pre-sale allocation list.
struct RegistrationPages: Sendable {
    /// The site-settings key holding the comma-separated required optional fields.
    static let settingKey = "presale.register.required"
    static let defaultRequired = "mobile,real_name"

    func register(_ routes: inout RouteCollector) throws {
        try routes.get("/registration", .requires("registration", "edit"), settingsForm)
        try routes.post("/registration", .requires("registration", "edit"), saveSettings)
        try routes.root(.get, "/register", form)
        try routes.root(.post, "/register", submit)
        try routes.root(.post, "/register/check", check)
        try routes.root(.get, "/register/regions", regions)
    }

    static func required(_ req: ModuleRequest) async throws -> Set<String> {
        let site = req.site
        let stored = site.values[settingKey] ?? defaultRequired
        return Set(stored.split(separator: ",").map(String.init)).intersection(MemberRegistration.optionalFields)
    }

    // MARK: staff settings

    @Sendable func settingsForm(_ req: ModuleRequest) async throws -> ModuleResponse {
        let required = try await Self.required(req)
        let options = MemberRegistration.optionalFields.map { SelectOption(value: $0, label: MemberRegistration.label(req, $0)) }
        let always = MemberRegistration.alwaysRequired.map { MemberRegistration.label(req, $0) }.joined(separator: "、")
        let form = FormView(action: "\(req.base)/registration", csrfToken: req.csrfToken, fields: [
            FormField(name: "required", label: req.t("register.settings"), kind: .multiSelect(options: options),
                      value: MemberRegistration.optionalFields.filter(required.contains).joined(separator: ","),
                      help: "\(req.t("register.alwaysRequired")): \(always)"),
        ], submitLabel: req.t("action.save"))
        let body = HTML(raw: "<section class=\"card\"><p>\(escapeHTML(req.t("register.settingsHelp")))</p><p><a href=\"/register\" target=\"_blank\" rel=\"noopener\">\(escapeHTML(req.t("register.link")))</a></p>")
            + form.render(strings: req.uiStrings) + HTML(raw: "</section>")
        return .page(title: req.t("register.settings"), body: body)
    }

    @Sendable func saveSettings(_ req: ModuleRequest) async throws -> ModuleResponse {
        let chosen = req.form.all("required").flatMap { $0.split(separator: ",").map(String.init) }
        let allowed = MemberRegistration.optionalFields.filter(Set(chosen).contains)
        try await req.host.site.update([Self.settingKey: allowed.joined(separator: ",")], actorID: req.user?.id)
        return .redirect("\(req.base)/registration", flash: .success(req.t("register.saved")))
    }

    // MARK: public page

    func page(_ req: ModuleRequest, values: FormData, errors: [String: String], status: Int = 200) async throws -> ModuleResponse {
        let required = try await Self.required(req)
        var fields = try await MemberRegistration.formFields(req, values: values, errors: errors, required: required, publicBase: "/register")
        fields += try await ArithmeticChallenge.issue(db: req.db).fields(language: req.language, error: errors["answer"])
        let form = FormView(action: "/register", csrfToken: req.csrfToken, fields: fields, submitLabel: req.t("register.submit"),
                            formError: errors.isEmpty ? nil : (errors["_form"] ?? req.uiStrings.formHasErrors), id: "register-form")
        let body = HTML(raw: "<section class=\"card\"><p>\(escapeHTML(req.t("register.intro")))</p>") + form.render(strings: req.uiStrings)
            + HTML(raw: "</section>")
        return .page(title: req.t("register.title"), body: body, status: status)
    }

    @Sendable func form(_ req: ModuleRequest) async throws -> ModuleResponse {
        try await page(req, values: FormData(), errors: [:])
    }

    @Sendable func submit(_ req: ModuleRequest) async throws -> ModuleResponse {
        let limit = SubmissionLimit(table: "presale_register_attempt", perWindow: req.settings.int("register_limit", 5))
        guard try await limit.admit(req.clientAddress, db: req.db) else {
            return try await page(req, values: req.form, errors: ["_form": req.t("register.limited")], status: 429)
        }
        guard try await ArithmeticChallenge.isAnswered(form: req.form, db: req.db) else {
            return try await page(req, values: req.form, errors: ["answer": ArithmeticChallenge.wrongAnswer(req.language)], status: 422)
        }
        let outcome = try await MemberRegistration.register(req, input: req.form, required: try await Self.required(req))
        guard outcome.errors.isEmpty else { return try await page(req, values: req.form, errors: outcome.errors, status: 422) }
        return .page(title: req.t("register.title"), body: HTML(raw: "<section class=\"card\"><p class=\"flash success\" role=\"status\">\(escapeHTML(req.t("register.done")))</p></section>"))
    }

    /// `POST /register/check` with the JSON body `{"field": "username|mobile|id_card", "value": "…"}` and the visitor's
    /// token in `X-CSRF-Token` → `{ok, message}`. Only a username is looked up; a mobile or ID card number gets its format
    /// checked, so the public page never tells whether a number belongs to a member.
    @Sendable func check(_ req: ModuleRequest) async throws -> ModuleResponse {
        struct Answer: Encodable { let ok: Bool; let message: String }
        let (ok, message) = try await MemberRegistration.availability(req, json: req.body)
        return try .json(Answer(ok: ok, message: message))
    }

    /// `GET /register/regions?parent=code` → the child divisions (provinces without a parent).
    @Sendable func regions(_ req: ModuleRequest) async throws -> ModuleResponse {
        let parent = req.query["parent"]
        return try .json(try await req.host.regions.children(of: parent.isEmpty ? nil : parent))
    }
}
