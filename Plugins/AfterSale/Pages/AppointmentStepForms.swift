import PluginAPI

/// The forms of the steps the user may take on an appointment now, each shown only when the flow allows the step from the
/// current state and the kernel allows its permission on the appointment.
struct AppointmentStepForms: Sendable {
    let req: ModuleRequest
    let row: Appointment
    let errors: [String: String]

    func allowed(_ action: AppointmentFlow.Action) -> Bool {
        AppointmentFlow.target(of: action, from: row.status) != nil
            && req.access.decide("appointment", AppointmentFlow.permission(action), owner: row.owner_id) == .allowed
    }

    func render() async throws -> HTML {
        let base = "\(req.base)/appointments/\(row.id)"
        var html = HTML.empty
        for action in [AppointmentFlow.Action.approve, .start, .complete] where allowed(action) {
            html += FormView(action: "\(base)/\(action.rawValue)", csrfToken: req.csrfToken, fields: [],
                             submitLabel: req.t("step.\(action.rawValue)"), id: "step-\(action.rawValue)").render(strings: req.uiStrings)
        }
        for action in [AppointmentFlow.Action.reject, .cancel] where allowed(action) {
            html += FormView(action: "\(base)/\(action.rawValue)", csrfToken: req.csrfToken, fields: [
                FormField(name: "reason", label: req.t("appointment.reason"), value: "", required: true, maxLength: 500),
            ], submitLabel: req.t("step.\(action.rawValue)"), id: "step-\(action.rawValue)").render(strings: req.uiStrings)
        }
        if allowed(.evaluate) {
            let results = Appointment.results.map { SelectOption(value: $0, label: req.t("result.\($0)")) }
            let ratings = (1...5).map { SelectOption(value: String($0), label: String(repeating: "★", count: $0)) }
            var fields: [FormField] = []
            for side in ["a", "b"] {
                fields.append(FormField(name: "result_\(side)", label: req.t("appointment.result_\(side)"), kind: .radio(options: results),
                                        value: req.form["result_\(side)"], required: true, error: errors["result_\(side)"]))
                fields.append(FormField(name: "rating_\(side)", label: req.t("appointment.rating_\(side)"), kind: .radio(options: ratings),
                                        value: req.form["rating_\(side)"], required: true, error: errors["rating_\(side)"]))
                fields.append(FormField(name: "comment_\(side)", label: req.t("appointment.comment_\(side)"), kind: .textarea(rows: 2),
                                        value: req.form["comment_\(side)"], error: errors["comment_\(side)"], maxLength: 500))
            }
            html += HTML(raw: "<h2>\(escapeHTML(req.t("step.evaluate")))</h2>")
                + FormView(action: "\(base)/evaluate", csrfToken: req.csrfToken, fields: fields, submitLabel: req.t("step.evaluate"),
                           formError: errors.isEmpty ? nil : req.uiStrings.formHasErrors, id: "step-evaluate").render(strings: req.uiStrings)
        }
        return html.raw.isEmpty ? html : HTML(raw: "<section class=\"card actions\">") + html + HTML(raw: "</section>")
    }

    /// Each side's result (continue / stop / undecided), rating of the matchmaker (1–5) and comment, checked field by field.
    static func readEvaluation(_ req: ModuleRequest) -> (AppointmentFlow.Evaluation?, [String: String]) {
        let form = req.form
        var v = Validator(language: req.language)
        for side in ["a", "b"] {
            v.required("result_\(side)", form["result_\(side)"], label: req.t("appointment.result_\(side)"))
            v.oneOf("result_\(side)", form["result_\(side)"], Appointment.results, label: req.t("appointment.result_\(side)"))
            v.required("rating_\(side)", form["rating_\(side)"], label: req.t("appointment.rating_\(side)"))
            v.integer("rating_\(side)", form["rating_\(side)"], 1...5, label: req.t("appointment.rating_\(side)"))
            v.length("comment_\(side)", form["comment_\(side)"], 0...500, label: req.t("appointment.comment_\(side)"))
        }
        guard v.isValid, let ra = Int(form["rating_a"]), let rb = Int(form["rating_b"]) else { return (nil, v.errors) }
        return (AppointmentFlow.Evaluation(resultA: form["result_a"], resultB: form["result_b"], ratingA: ra, ratingB: rb,
                                           commentA: form["comment_a"], commentB: form["comment_b"]), [:])
    }
}
