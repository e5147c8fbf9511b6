import PluginAPI

/// The contract form (manual 4.3): contract data and the first payment.
struct ContractForm: Sendable {
    let req: ModuleRequest

    func options(_ codes: [String], _ prefix: String) -> [SelectOption] { codes.map { SelectOption(value: $0, label: req.t("\(prefix).\($0)")) } }

    func render(action: String, memberLabel: String, values: FormData, errors: [String: String], cancel: String, isNew: Bool) -> HTML {
        func text(_ name: String, _ kind: FieldKind = .text, required: Bool = false, help: String? = nil, max: Int? = nil) -> FormField {
            FormField(name: name, label: req.t("field.\(name)"), kind: kind, value: values[name], required: required, error: errors[name], help: help,
                      maxLength: max)
        }
        var fields: [FormField] = [
            FormField(name: "member_label", label: req.t("field.member"), value: memberLabel, attributes: ["readonly": "readonly"]),
            FormField(name: "member", label: "", kind: .hidden, value: values["member"]),
            text("number", help: req.t("field.numberHelp"), max: 40),
            FormField(name: "kind", label: req.t("field.kind"), kind: .select(options: options(ContractInput.kinds, "kind"), allowEmpty: false),
                      value: values["kind"], required: true, error: errors["kind"]),
            text("total_amount", required: true, max: 16),
            text("service_days", .number, required: true),
            text("signed_on", .date, required: true),
            text("starts_on", .date, required: true),
            text("ends_on", .date, help: req.t("field.endsHelp")),
            text("min_meetings", .number),
            text("service_content", .textarea(rows: 3), max: 2000),
            text("remark", .textarea(rows: 2), max: 1000),
            text("first_payment_amount", max: 16),
            text("first_payment_on", .date),
            FormField(name: "first_payment_kind", label: req.t("field.first_payment_kind"),
                      kind: .select(options: options(ContractInput.paymentKinds, "payment"), allowEmpty: true),
                      value: values["first_payment_kind"], error: errors["first_payment_kind"]),
        ]
        if isNew { fields.append(FormField(name: "submit_now", label: req.t("field.submitNow"), kind: .checkbox, value: values["submit_now"])) }
        return FormView(action: action, csrfToken: req.csrfToken, fields: fields, submitLabel: req.t("action.save"), cancelHref: cancel,
                        formError: errors.isEmpty ? nil : (errors["_form"] ?? req.uiStrings.formHasErrors), id: "contract-form")
            .render(strings: req.uiStrings)
    }

    /// Form values of a stored contract (amounts back in yuan).
    static func values(of c: ContractRecord) -> FormData {
        FormData(fields: [
            "member": [String(c.member_id)], "number": [c.number], "kind": [c.kind], "total_amount": [UIFormat.yuan(c.total_amount)],
            "service_days": [String(c.service_days)], "signed_on": [c.signed_on], "starts_on": [c.starts_on], "ends_on": [c.ends_on],
            "min_meetings": [String(c.min_meetings)], "service_content": [c.service_content], "remark": [c.remark],
            "first_payment_amount": [c.first_payment_amount > 0 ? UIFormat.yuan(c.first_payment_amount) : ""],
            "first_payment_on": [c.first_payment_on], "first_payment_kind": [c.first_payment_kind],
        ])
    }
}
