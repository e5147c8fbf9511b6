import PluginAPI
import SQLKit

/// The member entry/edit form (manual 4.1): fields, per-field validation, and the values it binds.
struct MemberForm: Sendable {
    let req: ModuleRequest
    let options: [String: [SelectOption]]
    let existing: MemberRecord?

    /// The columns this form writes — nothing else (owner, signed, source … are never bound from a form).
    static let boundColumns = ["username", "gender", "birthday", "province", "city", "district", "hukou_province", "hukou_city", "hukou_district",
                               "customer_status", "blacklisted", "opt_out"] + MemberFields.basicForm + MemberFields.personalForm + MemberFields.criteriaForm

    func field(_ name: String, values: FormData, errors: [String: String]) -> FormField {
        let label = req.t("field.\(name)")
        var kind: FieldKind = .text
        if let list = MemberFields.dictionaryList[name] {
            kind = MemberFields.multi.contains(name) ? .multiSelect(options: options[list] ?? []) : .select(options: options[list] ?? [], allowEmpty: true)
        } else if MemberFields.ranges[name] != nil {
            kind = .number
        } else if name == "introduction" {
            kind = .textarea(rows: 4)
        } else if name == "mobile" {
            kind = .tel
        } else if name == "email" {
            kind = .email
        }
        var value = values.fields[name]?.joined(separator: ",") ?? ""
        if MemberFields.multi.contains(name) { value = values.all(name).joined(separator: ",") }
        var f = FormField(name: name, label: label, kind: kind, value: value, error: errors[name], maxLength: MemberFields.freeText[name])
        if ["mobile", "id_card", "username"].contains(name) {
            f.attributes = ["data-check-url": "\(req.base)/check?field=\(name)" + (existing.map { "&except=\($0.id)" } ?? "")]
        }
        return f
    }

    func regionField(_ name: String, _ level: Int, parent: String, values: FormData, errors: [String: String], required: Bool) async throws -> FormField {
        let regions = level == 1 || !parent.isEmpty ? try await req.host.regions.children(of: level == 1 ? nil : parent) : []
        return FormField(name: name, label: req.t("field.\(name)"),
                         kind: .select(options: regions.map { SelectOption(value: $0.code, label: $0.name) }, allowEmpty: true),
                         value: values[name], required: required, error: errors[name],
                         attributes: ["data-region-level": String(level), "data-region-api": "/api/members/regions"])
    }

    /// The sections of the form.
    /// `returnTo`: a path of this site the update goes back to (another module's page embedding the form).
    /// `origin`: the `origin_ref` of a new member sent here by another module (see `MemberOrigin`).
    func render(action: String, values: FormData, errors: [String: String], returnTo: String? = nil, origin: String? = nil) async throws -> HTML {
        var basic: [FormField] = [
            FormField(name: "username", label: req.t("field.username"), value: values["username"], required: true, error: errors["username"],
                      help: req.t("rule.username"), maxLength: 16,
                      attributes: ["data-check-url": "\(req.base)/check?field=username" + (existing.map { "&except=\($0.id)" } ?? "")]),
            FormField(name: "password", label: req.t("field.password"), kind: .password, error: errors["password"],
                      help: req.t(existing == nil ? "rule.passwordOptional" : "rule.passwordKeep"), maxLength: 16),
            FormField(name: "gender", label: req.t("field.gender"), kind: .select(options: options["gender"] ?? [], allowEmpty: true),
                      value: values["gender"], required: true, error: errors["gender"]),
            FormField(name: "birthday", label: req.t("field.birthday"), kind: .date, value: values["birthday"], required: true, error: errors["birthday"]),
            try await regionField("province", 1, parent: "", values: values, errors: errors, required: true),
            try await regionField("city", 2, parent: values["province"], values: values, errors: errors, required: false),
            try await regionField("district", 3, parent: values["city"], values: values, errors: errors, required: false),
            try await regionField("hukou_province", 1, parent: "", values: values, errors: errors, required: false),
            try await regionField("hukou_city", 2, parent: values["hukou_province"], values: values, errors: errors, required: false),
            try await regionField("hukou_district", 3, parent: values["hukou_city"], values: values, errors: errors, required: false),
        ]
        basic += MemberFields.basicForm.map { field($0, values: values, errors: errors) }
        basic.append(FormField(name: "avatar", label: req.t("field.avatar"), kind: .file(accept: "image/jpeg,image/png,image/webp"), error: errors["avatar"]))
        basic.append(FormField(name: "customer_status", label: req.t("field.customer_status"),
                               kind: .select(options: options["customer_status"] ?? [], allowEmpty: false),
                               value: values["customer_status"].isEmpty ? "searching" : values["customer_status"], error: errors["customer_status"]))
        basic.append(FormField(name: "blacklisted", label: req.t("field.blacklisted"), kind: .checkbox, value: values["blacklisted"]))
        basic.append(FormField(name: "opt_out", label: req.t("field.opt_out"), kind: .checkbox, value: values["opt_out"], help: req.t("field.opt_outHelp")))
        let personal = MemberFields.personalForm.map { field($0, values: values, errors: errors) }
        var criteria = MemberFields.criteriaForm.filter { $0 != "pc_regions" }.map { field($0, values: values, errors: errors) }
        let provinces = try await req.host.regions.children(of: nil).map { SelectOption(value: $0.code, label: $0.name) }
        criteria.insert(FormField(name: "pc_regions", label: req.t("field.pc_regions"), kind: .multiSelect(options: provinces),
                                  value: values.all("pc_regions").joined(separator: ","), error: errors["pc_regions"]), at: 6)
        var all = basic + personal + criteria
        if let returnTo { all.insert(FormField(name: "_return", label: "", kind: .hidden, value: returnTo), at: 0) }
        if let origin { all.insert(FormField(name: "origin_ref", label: "", kind: .hidden, value: origin), at: 0) }
        let form = FormView(action: action, csrfToken: req.csrfToken, fields: all, submitLabel: req.t("action.save"),
                            cancelHref: returnTo ?? existing.map { "\(req.base)/\($0.id)" } ?? req.base + "/", multipart: true,
                            formError: errors.isEmpty ? nil : req.uiStrings.formHasErrors, id: "member-form")
        let sections = "<p class=\"muted\">\(escapeHTML(req.t("form.sections")))</p>"
        return HTML(raw: sections) + form.render(strings: req.uiStrings)
    }
}
