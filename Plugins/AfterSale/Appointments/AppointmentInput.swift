import Members
import PluginAPI
import Settings

/// A submitted appointment form, validated field by field in the user's language.
struct AppointmentInput: Sendable {
    var memberB: MemberRecord?
    var kind = ""
    var meetAt: Int64 = 0
    var place = ""
    var remark = ""
    var ownerID: Int64 = 0
    var opinionA = "pending", opinionB = "pending"
    var notify: [String] = []
    var errors: [String: String] = [:]

    static func validate(_ req: ModuleRequest, memberA: MemberRecord, staff: [SelectOption], timeZone: String) async throws -> AppointmentInput {
        let form = req.form
        var input = AppointmentInput()
        var v = Validator(language: req.language)
        func label(_ name: String) -> String { req.t("appointment.\(name)") }
        v.required("member_b", form["member_b"], label: label("member_b"))
        if !form["member_b"].isEmpty {
            if let id = Int64(form["member_b"].trimmingCharacters(in: .whitespaces)), id != memberA.id,
               let other = try await MemberDirectory.record(id: id, db: req.db) {
                if other.gender == memberA.gender { v.add("member_b", req.t("appointment.sameGender")) } else { input.memberB = other }
            } else {
                v.add("member_b", req.t("appointment.noSuchMember"))
            }
        }
        let kinds = try await DictionaryService.options("appointment_type", db: req.db, cache: req.host.cache, language: req.language)
        v.required("kind", form["kind"], label: label("kind"))
        v.oneOf("kind", form["kind"], kinds.map(\.value), label: label("kind"))
        input.kind = form["kind"]
        v.required("meet_at", form["meet_at"], label: label("meet_at"))
        if !form["meet_at"].isEmpty {
            if let at = AgencyTime.parseLocal(form["meet_at"], timeZone: timeZone) { input.meetAt = at } else { v.add("meet_at", req.t("rule.datetime")) }
        }
        input.place = form["place"].trimmingCharacters(in: .whitespacesAndNewlines)
        v.required("place", input.place, label: label("place"))
        v.length("place", input.place, 1...200, label: label("place"))
        input.remark = form["remark"].trimmingCharacters(in: .whitespacesAndNewlines)
        v.length("remark", input.remark, 0...1000, label: label("remark"))
        v.required("owner_id", form["owner_id"], label: label("owner_id"))
        v.oneOf("owner_id", form["owner_id"], staff.map(\.value), label: label("owner_id"))
        input.ownerID = Int64(form["owner_id"]) ?? 0
        for side in ["a", "b"] {
            let value = form["opinion_\(side)"].isEmpty ? "pending" : form["opinion_\(side)"]
            v.oneOf("opinion_\(side)", value, Appointment.opinions, label: label("opinion_\(side)"))
            if side == "a" { input.opinionA = value } else { input.opinionB = value }
        }
        input.notify = form.all("notify").flatMap { $0.split(separator: ",").map(String.init) }
        for channel in input.notify where OutboxChannel(rawValue: channel) == nil { v.add("notify", req.t("appointment.badChannel")) }
        input.errors = v.errors
        return input
    }
}
