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
        try routes.root(.get, "/register/check", check)
        try routes.root(.get, "/register/regions", regions)
    }

    static func required(_ req: ModuleRequest) async throws -> Set<String> {
        let site = try await req.host.site.all()
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

    /// The arithmetic challenge of a form: two small numbers derived from the visitor's CSRF token and a nonce in the form,
    /// so the server can check the answer without storing anything.
    static func challenge(token: String, nonce: String) -> (a: Int, b: Int) {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in (token + "|" + nonce).utf8 { hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01b3 }
        return (Int(hash % 9) + 1, Int((hash / 9) % 9) + 1)
    }

    func page(_ req: ModuleRequest, values: FormData, errors: [String: String], status: Int = 200) async throws -> ModuleResponse {
        let required = try await Self.required(req)
        var fields = try await MemberRegistration.formFields(req, values: values, errors: errors, required: required, publicBase: "/register")
        let nonce = String(UInt64.random(in: 1...UInt64.max), radix: 16)
        let (a, b) = Self.challenge(token: req.csrfToken, nonce: nonce)
        let question = req.t("register.challenge").replacingOccurrences(of: "{a}", with: String(a)).replacingOccurrences(of: "{b}", with: String(b))
        fields.append(FormField(name: "challenge", label: "", kind: .hidden, value: nonce))
        fields.append(FormField(name: "answer", label: question, kind: .number, required: true, error: errors["answer"],
                                attributes: ["autocomplete": "off", "inputmode": "numeric"]))
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
        let now = Int64(Date().timeIntervalSince1970)
        let limit = req.settings.int("register_limit", 5)
        let recent = try await req.db.select().column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n").from("presale_register_attempt")
            .where("address", .equal, req.clientAddress).where("at", .greaterThan, now - 3600).first(decodingColumn: "n", as: Int.self) ?? 0
        guard recent < limit else {
            return try await page(req, values: req.form, errors: ["_form": req.t("register.limited")], status: 429)
        }
        try await req.db.insert(into: "presale_register_attempt").columns("address", "at").values(SQLBind(req.clientAddress), SQLBind(now)).run()
        let (a, b) = Self.challenge(token: req.csrfToken, nonce: req.form["challenge"])
        guard !req.form["challenge"].isEmpty, Int(req.form["answer"].trimmingCharacters(in: .whitespaces)) == a + b else {
            return try await page(req, values: req.form, errors: ["answer": req.t("register.challengeWrong")], status: 422)
        }
        let outcome = try await MemberRegistration.register(req, input: req.form, required: try await Self.required(req))
        guard outcome.errors.isEmpty else { return try await page(req, values: req.form, errors: outcome.errors, status: 422) }
        return .page(title: req.t("register.title"), body: HTML(raw: "<section class=\"card\"><p class=\"flash success\" role=\"status\">\(escapeHTML(req.t("register.done")))</p></section>"))
    }

    /// `GET /register/check?field=username|mobile|id_card&value=…` → `{ok, message}`.
    @Sendable func check(_ req: ModuleRequest) async throws -> ModuleResponse {
        struct Answer: Encodable { let ok: Bool; let message: String }
        let (ok, message) = try await MemberRegistration.availability(req, field: req.query["field"], value: req.query["value"])
        return try .json(Answer(ok: ok, message: message))
    }

    /// `GET /register/regions?parent=code` → the child divisions (provinces without a parent).
    @Sendable func regions(_ req: ModuleRequest) async throws -> ModuleResponse {
        let parent = req.query["parent"]
        return try .json(try await req.host.regions.children(of: parent.isEmpty ? nil : parent))
    }
}
