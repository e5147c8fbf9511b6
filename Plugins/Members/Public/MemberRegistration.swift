import Foundation
import PluginAPI
import SQLKit

/// Self-registration of members from the agency's public pages (前台会员登记): the form's fields, availability checks
/// and the insert of an unallocated member. The caller (a public page) decides which optional fields are required.
public enum MemberRegistration {
    /// What a registration produced: the new member's id, or an error message per field.
    public struct Outcome: Sendable {
        public var memberID: Int64?
        public var errors: [String: String]
    }

    /// Fields every registration needs, whatever the settings say.
    public static let alwaysRequired: [String] = ["username", "password", "gender", "birthday", "province"]

    /// Fields of the form an administrator may make required.
    public static let optionalFields: [String] = ["mobile", "real_name", "id_card", "email", "city", "district", "hukou_province", "hukou_city",
                                                  "height", "weight", "marital_status", "education", "income_band", "monthly_spending",
                                                  "occupation", "dating_purpose", "car", "housing", "children", "blood_type", "ethnicity",
                                                  "personality", "appearance", "hobbies", "qq", "wechat", "religion", "smoking", "drinking",
                                                  "company_type", "work_status", "sleep_habit", "health", "foreign_languages", "family_ranking",
                                                  "parents_status", "parents_economy", "parents_work", "introduction"]

    /// The label of a form field in the user's language.
    public static func label(_ req: ModuleRequest, _ field: String) -> String { MemberDirectory.viewed(req).t("field.\(field)") }

    /// The form's fields with `values` and `errors`; live checks call `<publicBase>/check`, region pickers `<publicBase>/regions`.
    public static func formFields(_ req: ModuleRequest, values: FormData, errors: [String: String], required: Set<String>,
                                  publicBase: String) async throws -> [FormField] {
        let members = MemberDirectory.viewed(req)
        let form = MemberForm(req: members, options: try await MemberFields.options(members), existing: nil)
        let all = Set(alwaysRequired).union(required)
        var fields: [FormField] = [
            FormField(name: "username", label: members.t("field.username"), value: values["username"], error: errors["username"],
                      help: members.t("rule.username"), maxLength: 16),
            FormField(name: "password", label: members.t("field.password"), kind: .password, error: errors["password"], help: members.t("rule.password"),
                      maxLength: 16),
            FormField(name: "gender", label: members.t("field.gender"), kind: .select(options: form.options["gender"] ?? [], allowEmpty: true),
                      value: values["gender"], error: errors["gender"]),
            FormField(name: "birthday", label: members.t("field.birthday"), kind: .date, value: values["birthday"], error: errors["birthday"]),
        ]
        for (name, level, parent) in [("province", 1, ""), ("city", 2, values["province"]), ("district", 3, values["city"]),
                                      ("hukou_province", 1, ""), ("hukou_city", 2, values["hukou_province"])] {
            fields.append(try await form.regionField(name, level, parent: parent, values: values, errors: errors, required: false))
        }
        fields += optionalFields.filter { !["city", "district", "hukou_province", "hukou_city"].contains($0) }
            .map { form.field($0, values: values, errors: errors) }
        return fields.map { field in
            var f = field
            f.required = all.contains(f.name)
            if f.attributes["data-check-url"] != nil || ["username", "mobile", "id_card"].contains(f.name) {
                f.attributes["data-check-url"] = "\(publicBase)/check?field=\(f.name)"
            }
            if f.attributes["data-region-api"] != nil { f.attributes["data-region-api"] = "\(publicBase)/regions" }
            return f
        }
    }

    /// Whether `value` may be used for `field` by a new member, as far as a public page may tell: a username's format and
    /// uniqueness; only the format of a mobile or ID card number (its checksum), never whether a member has it — that
    /// is judged at the rate-limited submit, with a neutral message.
    public static func availability(_ req: ModuleRequest, field: String, value: String) async throws -> (ok: Bool, message: String) {
        let members = MemberDirectory.viewed(req)
        var v = Validator(language: req.language)
        switch field {
        case "mobile": v.mobile(field, value, label: members.t("field.mobile"))
        case "id_card": if !IDCard.isValid(value.uppercased()) { v.add(field, members.t("rule.idCard")) }
        case "username": v.length(field, value, 3...16, label: members.t("field.username"))
        default: throw ModuleError.badRequest(members.t("rule.option"))
        }
        if let message = v.errors[field] { return (false, message) }
        guard field == "username" else { return (true, "") }
        let taken = try await MemberValidation.taken(field, value, except: nil, db: req.db)
        return (!taken, members.t(taken ? "rule.taken.\(field)" : "check.free"))
    }

    /// ``availability(_:field:value:)`` for a JSON body `{"field": …, "value": …}` (the live check's POST); 400 otherwise.
    public static func availability(_ req: ModuleRequest, json body: [UInt8]) async throws -> (ok: Bool, message: String) {
        guard let object = try? JSONSerialization.jsonObject(with: Data(body)) as? [String: Any],
              let field = object["field"] as? String, let value = object["value"] as? String else {
            throw ModuleError.badRequest(MemberDirectory.viewed(req).t("api.badJSON"))
        }
        return try await availability(req, field: field, value: value)
    }

    /// What a visitor is told when the mobile or ID card number is already a member's: nothing that says so.
    static let refused = LocalizedText(zh: "登记未能完成，请核对您填写的资料，或直接联系我们。",
                                       en: "The registration could not be completed with these details; please check them or contact us.")

    /// Validates `input` with Members' rules plus `required`, and inserts an unallocated member with source `front_registration`.
    /// Publishes `member.created` in the same transaction.
    public static func register(_ req: ModuleRequest, input: FormData, required: Set<String>) async throws -> Outcome {
        let members = MemberDirectory.viewed(req)
        var result = try await MemberFormPages.validator(members).validate(input, exceptID: nil, db: req.db)
        var v = Validator(language: req.language)
        for field in Set(alwaysRequired).union(required) {
            v.required(field, input.all(field).joined(separator: ","), label: members.t("field.\(field)"))
        }
        result.errors.merge(v.errors) { first, _ in first }
        // A mobile or ID card number that is already a member's is not named: the form as a whole is refused, neutrally.
        var duplicate = false
        for column in ["mobile", "id_card"] where result.errors[column] == members.t("rule.taken.\(column)") {
            result.errors[column] = nil
            duplicate = true
        }
        if duplicate, result.errors.isEmpty { result.errors["_form"] = req.t(refused) }
        let password = input.fields["password"]?.first ?? ""
        guard result.errors.isEmpty else { return Outcome(memberID: nil, errors: result.errors) }
        let hash = try await req.host.hashPassword(password)
        var pairs = MemberFormPages.bind(result).filter { !["customer_status", "blacklisted"].contains($0.0) }
        pairs += [("password_hash", SQLBind(hash)), ("source", SQLBind("front_registration")), ("registered_at", SQLBind(Int64(Date().timeIntervalSince1970)))]
        let bound = pairs, username = result.values["username"]
        let id = try await req.transaction { tx in
            let insert = tx.db.insert(into: "members_member").columns(bound.map(\.0)).values(bound.map(\.1)).returning("id")
            guard let id = try await insert.first(decodingColumn: "id", as: Int64.self) else { throw ModuleError.conflict("insert failed") }
            try await tx.audit(AuditEntry(module: "members", action: "member.register", target: "member:\(id)", after: username))
            try await tx.publish(Event("member.created", ["member_id": String(id), "source": "front_registration"]))
            return id
        }
        MemberListPages.invalidateCounts(members)
        return Outcome(memberID: id, errors: [:])
    }
}
