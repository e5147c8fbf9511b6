import Foundation
import PluginAPI

/// The submitted fields of an event, validated with one message per field in the user's language.
struct EventInput: Sendable {
    let title: String
    let venue: String
    let startsAt: String
    let capacity: String
    let note: String

    init(_ form: FormData) {
        func trimmed(_ name: String) -> String { form[name].trimmingCharacters(in: .whitespacesAndNewlines) }
        title = trimmed("title"); venue = trimmed("venue"); startsAt = trimmed("starts_at"); capacity = trimmed("capacity"); note = trimmed("note")
    }

    init(_ event: MixerEvent, timeZone: String) {
        title = event.title; venue = event.venue; note = event.note; capacity = String(event.capacity)
        startsAt = AgencyTime.format(event.starts_at, timeZone: timeZone, pattern: "datetime-local")
    }

    /// Errors by field; `signedUp` is the current number of sign-ups of an edited event (capacity may not drop below it).
    func errors(_ req: ModuleRequest, timeZone: String, signedUp: Int = 0) -> [String: String] {
        var v = Validator(language: req.language)
        v.required("title", title, label: req.t("field.title"))
        v.length("title", title, 1...80, label: req.t("field.title"))
        v.length("venue", venue, 0...120, label: req.t("field.venue"))
        v.required("starts_at", startsAt, label: req.t("field.starts_at"))
        if !startsAt.isEmpty, AgencyTime.parseLocal(startsAt, timeZone: timeZone) == nil {
            v.add("starts_at", "\(req.t("field.starts_at"))：\(req.t("rule.datetime"))")
        }
        v.required("capacity", capacity, label: req.t("field.capacity"))
        v.integer("capacity", capacity, 1...10_000, label: req.t("field.capacity"))
        if let n = Int(capacity), n < signedUp {
            v.add("capacity", req.t("rule.belowSignUps").replacingOccurrences(of: "{n}", with: String(signedUp)))
        }
        v.length("note", note, 0...2000, label: req.t("field.note"))
        return v.errors
    }

    func fields(_ req: ModuleRequest, errors: [String: String]) -> [FormField] {
        [FormField(name: "title", label: req.t("field.title"), value: title, required: true, error: errors["title"], maxLength: 80),
         FormField(name: "venue", label: req.t("field.venue"), value: venue, error: errors["venue"], maxLength: 120),
         FormField(name: "starts_at", label: req.t("field.starts_at"), kind: .datetime, value: startsAt, required: true, error: errors["starts_at"]),
         FormField(name: "capacity", label: req.t("field.capacity"), kind: .number, value: capacity, required: true, error: errors["capacity"]),
         FormField(name: "note", label: req.t("field.note"), kind: .textarea(rows: 4), value: note, error: errors["note"], maxLength: 2000)]
    }
}
