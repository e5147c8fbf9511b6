import Foundation
import PluginAPI
import Settings

/// The follow-up note form (new and edit).
struct NoteForm: Sendable {
    let req: ModuleRequest
    let timeZone: String

    /// Form values of a stored note.
    func values(of note: FollowUpNote) -> FormData {
        FormData(fields: [
            "effective": [String(note.effective)], "intention": [note.intention], "sign_status": [note.sign_status],
            "unsigned_reason": [note.unsigned_reason], "contact_at": [AgencyTime.format(note.contact_at, timeZone: timeZone, pattern: "datetime-local")],
            "next_contact_at": [note.next_contact_at.map { AgencyTime.format($0, timeZone: timeZone, pattern: "datetime-local") } ?? ""],
            "remark": [note.remark], "tags": [note.tagList.joined(separator: ", ")],
        ])
    }

    /// Defaults of a new note: effective, this contact now.
    var defaults: FormData {
        FormData(fields: ["effective": ["1"], "sign_status": ["unsigned"],
                          "contact_at": [AgencyTime.format(Int64(Date().timeIntervalSince1970), timeZone: timeZone, pattern: "datetime-local")]])
    }

    func render(action: String, values: FormData, errors: [String: String], cancel: String?) async throws -> HTML {
        func options(_ codes: [String], _ prefix: String) -> [SelectOption] { codes.map { SelectOption(value: $0, label: req.t("\(prefix).\($0)")) } }
        let reasons = try await DictionaryService.options("unsigned_reason", db: req.db, cache: req.host.cache, language: req.language)
        let fields = [
            FormField(name: "effective", label: req.t("note.effective"), kind: .radio(options: options(["1", "0"], "effective")),
                      value: values["effective"], required: true, error: errors["effective"]),
            FormField(name: "intention", label: req.t("note.intention"), kind: .select(options: options(FollowUpNote.intentions, "intention"), allowEmpty: true),
                      value: values["intention"], error: errors["intention"]),
            FormField(name: "sign_status", label: req.t("note.sign_status"),
                      kind: .select(options: options(FollowUpNote.signStatuses, "sign"), allowEmpty: true),
                      value: values["sign_status"], required: true, error: errors["sign_status"]),
            FormField(name: "unsigned_reason", label: req.t("note.unsigned_reason"), kind: .select(options: reasons, allowEmpty: true),
                      value: values["unsigned_reason"], error: errors["unsigned_reason"]),
            FormField(name: "contact_at", label: req.t("note.contact_at"), kind: .datetime, value: values["contact_at"], required: true,
                      error: errors["contact_at"]),
            FormField(name: "next_contact_at", label: req.t("note.next_contact_at"), kind: .datetime, value: values["next_contact_at"],
                      error: errors["next_contact_at"]),
            FormField(name: "remark", label: req.t("note.remark"), kind: .textarea(rows: 3), value: values["remark"], required: true,
                      error: errors["remark"], maxLength: 2000),
            FormField(name: "tags", label: req.t("note.tags"), value: values["tags"], error: errors["tags"], help: req.t("note.tagsHelp"), maxLength: 500),
        ]
        return FormView(action: action, csrfToken: req.csrfToken, fields: fields, submitLabel: req.t("action.save"), cancelHref: cancel,
                        formError: errors.isEmpty ? nil : req.uiStrings.formHasErrors, id: "note-form").render(strings: req.uiStrings)
    }
}
