import Kernel
import Members
import PluginAPI
import Settings

/// The create/edit form of a declarative table: one control per field, with its value and its error.
struct RecordForm: Sendable {
    let req: ModuleRequest
    let context: TableContext
    /// The action whose visibility limits the owner choices: `add` on the create form, `edit` on the edit form.
    var ownerAction = "add"

    /// The form values of a stored record.
    static func values(of record: Record, _ table: TableDefinition, timeZone: String) -> FormData {
        var fields: [String: [String]] = [:]
        for field in table.fields { fields[field.id] = [FieldDisplay.formValue(field, record[field.id], timeZone: timeZone)] }
        return FormData(fields: fields)
    }

    func render(action: String, values: FormData, errors: [String: String], cancel: String) async throws -> HTML {
        var fields: [FormField] = []
        for field in context.table.fields {
            fields.append(try await control(field, value: values[field.id], error: errors[field.id]))
        }
        let form = FormView(action: action, csrfToken: req.csrfToken, fields: fields, submitLabel: req.t("ui.save"), cancelHref: cancel,
                            formError: errors.isEmpty ? nil : req.uiStrings.formHasErrors, id: "\(context.table.id)-form")
        return form.render(strings: req.uiStrings)
    }

    private func control(_ field: FieldDefinition, value: String, error: String?) async throws -> FormField {
        let label = req.t(context.fieldKey(field))
        var help = field.help.map { req.t($0) }
        var kind: FieldKind = .text
        var maxLength: Int?
        switch field.type {
        case .text:
            kind = field.multiline ? .textarea(rows: 4) : field.format == .mobile ? .tel : field.format == .email ? .email : .text
            maxLength = field.lengthRange.upperBound
        case .integer: kind = .number
        case .money: help = help ?? req.t("ui.money_help")
        case .date: kind = .date
        case .datetime: kind = .datetime
        case .boolean: kind = .checkbox
        case .dictionary(let list):
            var options = try await DictionaryService.options(list, db: req.db, cache: req.host.cache, language: req.language)
            if !value.isEmpty, !options.contains(where: { $0.value == value }) {
                let labels = try await DictionaryService.labels(list, db: req.db, cache: req.host.cache, language: req.language)
                options.append(SelectOption(value: value, label: labels[value] ?? value))
            }
            kind = .select(options: options, allowEmpty: !field.required)
        case .member:
            kind = .number
            help = help ?? req.t("ui.member_help")
        case .staff:
            var options = try await req.host.activeStaff().map { SelectOption(value: String($0.id), label: "\($0.name)（\($0.login)）") }
            if field.id == context.table.ownerField {
                let visibility = req.access.visibility(context.resource, ownerAction)
                options = options.filter { option in Int64(option.value).map { visibility.includes(owner: $0) } ?? false || option.value == value }
            }
            kind = .select(options: options, allowEmpty: true)
        }
        return FormField(name: field.id, label: label, kind: kind, value: value, required: field.required && field.type != .boolean,
                         error: error, help: help, maxLength: maxLength)
    }
}
