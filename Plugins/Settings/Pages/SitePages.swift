import Foundation
import PluginAPI

/// 基本设置: agency branding, about text, page sizes, time zone, session limits.
struct SitePages: Sendable {
    func register(_ routes: inout RouteCollector) throws {
        try routes.get("/site", .requires("site", "view"), show)
        try routes.post("/site", .requires("site", "edit"), save)
    }

    /// The keys this form binds; nothing else is written.
    static let textKeys = ["agency.name", "agency.logo", "agency.hotline", "agency.phone", "agency.address", "agency.email", "agency.site_url", "agency.about"]
    static let intKeys: [(String, ClosedRange<Int>)] = [("page_size.staff", 5...200), ("page_size.members", 5...200), ("page_size.public_matchmakers", 4...100),
                                                        ("session.idle_minutes", 5...1440), ("session.absolute_hours", 1...720)]

    func timeZones(_ req: ModuleRequest) -> [String] {
        if case .strings(let list)? = req.settings.values["timezone_choices"], !list.isEmpty { return list }
        return ["Asia/Shanghai", "UTC"]
    }

    func form(_ req: ModuleRequest, values: [String: String], errors: [String: String], status: Int = 200) -> ModuleResponse {
        func field(_ key: String, _ kind: FieldKind = .text, required: Bool = false, max: Int? = nil) -> FormField {
            FormField(name: key, label: req.t("site.\(key)"), kind: kind, value: values[key] ?? "", required: required, error: errors[key], maxLength: max)
        }
        let zones = timeZones(req).map { SelectOption(value: $0, label: $0) }
        var fields = [
            field("agency.name", required: true, max: 60), field("agency.logo", max: 300),
            FormField(name: "logo_file", label: req.t("site.logoFile"), kind: .file(accept: "image/jpeg,image/png,image/webp"),
                      error: errors["logo_file"], help: req.t("site.logoFileHelp")),
            field("agency.hotline", .tel, max: 30),
            field("agency.phone", .tel, max: 30), field("agency.address", max: 200), field("agency.email", .email, max: 100),
            field("agency.site_url", max: 200), field("agency.timezone", .select(options: zones, allowEmpty: false), required: true),
        ]
        fields += Self.intKeys.map { field($0.0, .number, required: true) }
        fields.append(field("agency.about", .textarea(rows: 8), max: 20_000))
        let canEdit = req.access.isGranted("site", "edit")
        let view = FormView(action: "\(req.base)/site", csrfToken: req.csrfToken, fields: fields, submitLabel: req.t("site.save"), multipart: true,
                            formError: errors.isEmpty ? nil : req.uiStrings.formHasErrors)
        let body = canEdit ? view.render(strings: req.uiStrings)
            : HTML(raw: "<dl class=\"card\">" + fields.map { "<dt>\(escapeHTML($0.label))</dt><dd>\(escapeHTML($0.value))</dd>" }.joined() + "</dl>")
        return .page(title: req.t("site.title"), body: body, status: status)
    }

    @Sendable func show(_ req: ModuleRequest) async throws -> ModuleResponse {
        form(req, values: req.site.values, errors: [:])
    }

    @Sendable func save(_ req: ModuleRequest) async throws -> ModuleResponse {
        let f = req.form
        var v = Validator(language: req.language)
        v.required("agency.name", f["agency.name"], label: req.t("site.agency.name"))
        v.length("agency.name", f["agency.name"], 1...60, label: req.t("site.agency.name"))
        v.email("agency.email", f["agency.email"], label: req.t("site.agency.email"))
        v.pattern("agency.hotline", f["agency.hotline"], "[0-9+\\- ]{3,30}", label: req.t("site.agency.hotline"),
                  rule: LocalizedText(zh: "只能包含数字、+、- 和空格。", en: "digits, +, - and spaces only."))
        v.pattern("agency.phone", f["agency.phone"], "[0-9+\\- ]{3,30}", label: req.t("site.agency.phone"),
                  rule: LocalizedText(zh: "只能包含数字、+、- 和空格。", en: "digits, +, - and spaces only."))
        v.pattern("agency.logo", f["agency.logo"], "(https?://|/)[^\\s\"'<>]{1,300}", label: req.t("site.agency.logo"),
                  rule: LocalizedText(zh: "请填写以 http(s):// 或 / 开头的图片地址。", en: "an image address starting with http(s):// or /."))
        v.pattern("agency.site_url", f["agency.site_url"], "https?://[^\\s\"'<>]{1,200}", label: req.t("site.agency.site_url"),
                  rule: LocalizedText(zh: "请填写以 http:// 或 https:// 开头的网址。", en: "a URL starting with http:// or https://."))
        v.length("agency.about", f["agency.about"], 0...20_000, label: req.t("site.agency.about"))
        v.required("agency.timezone", f["agency.timezone"], label: req.t("site.agency.timezone"))
        v.oneOf("agency.timezone", f["agency.timezone"], timeZones(req), label: req.t("site.agency.timezone"))
        for (key, range) in Self.intKeys {
            v.required(key, f[key], label: req.t("site.\(key)"))
            v.integer(key, f[key], range, label: req.t("site.\(key)"))
        }
        var values: [String: String] = [:]
        for key in Self.textKeys + Self.intKeys.map(\.0) + ["agency.timezone"] { values[key] = f[key] }
        var errors = v.errors
        if errors.isEmpty, let file = f.files["logo_file"], !file.bytes.isEmpty {
            do { values["agency.logo"] = try await req.host.storeImage(file.bytes, field: "logo_file", language: req.language, audience: .publicSite) }
            catch let error as ModuleError { errors.merge(error.fieldErrors) { a, _ in a } }
        }
        guard errors.isEmpty else { return form(req, values: values, errors: errors, status: 422) }
        let oldLogo = try await req.host.site.update(values, actorID: req.user?.id)["agency.logo"]
        if let logo = values["agency.logo"], logo != oldLogo { await req.host.discardImage(oldLogo, audience: .publicSite) }   // the replaced one
        return .redirect("\(req.base)/site", flash: .success(req.t("site.saved")))
    }
}
