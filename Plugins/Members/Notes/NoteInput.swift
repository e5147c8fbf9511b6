import Foundation
import PluginAPI
import Settings

/// A submitted follow-up note form, validated field by field in the user's language.
struct NoteInput: Sendable {
    var effective: Int = 0
    var intention = ""
    var signStatus = ""
    var unsignedReason = ""
    var contactAt: Int64 = 0
    var nextContactAt: Int64?
    var remark = ""
    var tags = ""
    var errors: [String: String] = [:]

    static func validate(_ req: ModuleRequest, _ form: FormData, timeZone: String) async throws -> NoteInput {
        var input = NoteInput()
        var v = Validator(language: req.language)
        let label = { (name: String) in req.t("note.\(name)") }
        v.required("effective", form["effective"], label: label("effective"))
        v.oneOf("effective", form["effective"], ["1", "0"], label: label("effective"))
        input.effective = form["effective"] == "1" ? 1 : 0
        v.oneOf("intention", form["intention"], FollowUpNote.intentions, label: label("intention"))
        input.intention = form["intention"]
        v.required("sign_status", form["sign_status"], label: label("sign_status"))
        v.oneOf("sign_status", form["sign_status"], FollowUpNote.signStatuses, label: label("sign_status"))
        input.signStatus = form["sign_status"]
        let reasons = try await DictionaryService.options("unsigned_reason", db: req.db, cache: req.host.cache, language: req.language)
        v.oneOf("unsigned_reason", form["unsigned_reason"], reasons.map(\.value), label: label("unsigned_reason"))
        input.unsignedReason = form["unsigned_reason"]
        v.required("contact_at", form["contact_at"], label: label("contact_at"))
        if !form["contact_at"].isEmpty {
            if let at = AgencyTime.parseLocal(form["contact_at"], timeZone: timeZone) { input.contactAt = at } else { v.add("contact_at", req.t("rule.datetime")) }
        }
        if !form["next_contact_at"].isEmpty {
            if let next = AgencyTime.parseLocal(form["next_contact_at"], timeZone: timeZone) {
                input.nextContactAt = next
                if input.contactAt > 0, next <= input.contactAt { v.add("next_contact_at", req.t("rule.nextAfter")) }
            } else {
                v.add("next_contact_at", req.t("rule.datetime"))
            }
        }
        input.remark = form["remark"].trimmingCharacters(in: .whitespacesAndNewlines)
        v.required("remark", input.remark, label: label("remark"))
        v.length("remark", input.remark, 1...2000, label: label("remark"))
        input.tags = FollowUpNote.normalizeTags(form["tags"])
        v.length("tags", input.tags, 0...500, label: label("tags"))
        input.errors = v.errors
        return input
    }
}
