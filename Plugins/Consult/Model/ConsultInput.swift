import PluginAPI

/// The contact fields of a consultation, validated the same way on the public form and the staff's edit form.
struct ConsultInput: Sendable {
    let contactName: String
    let mobile: String
    let message: String

    static let nameLimit = 32
    static let messageLimit = 500

    init(_ form: FormData) {
        contactName = form["contact_name"]
        mobile = form["mobile"]
        message = form["message"]
    }

    /// One clear message per field, in the user's language.
    func errors(_ req: ModuleRequest) -> [String: String] {
        var v = Validator(language: req.language)
        v.required("contact_name", contactName, label: req.t("field.contact_name"))
        v.length("contact_name", contactName, 1...Self.nameLimit, label: req.t("field.contact_name"))
        v.required("mobile", mobile, label: req.t("field.mobile"))
        v.mobile("mobile", mobile, label: req.t("field.mobile"))
        v.required("message", message, label: req.t("field.message"))
        v.length("message", message, 1...Self.messageLimit, label: req.t("field.message"))
        return v.errors
    }

    /// The form fields with `values` and `errors`.
    static func fields(_ req: ModuleRequest, values: FormData, errors: [String: String]) -> [FormField] {
        [
            FormField(name: "contact_name", label: req.t("field.contact_name"), value: values["contact_name"], required: true,
                      error: errors["contact_name"], maxLength: nameLimit),
            FormField(name: "mobile", label: req.t("field.mobile"), kind: .tel, value: values["mobile"], required: true, error: errors["mobile"],
                      help: req.t("help.mobile"), maxLength: 11),
            FormField(name: "message", label: req.t("field.message"), kind: .textarea(rows: 5), value: values.fields["message"]?.first ?? "",
                      required: true, error: errors["message"], help: req.t("help.message"), maxLength: messageLimit),
        ]
    }
}
