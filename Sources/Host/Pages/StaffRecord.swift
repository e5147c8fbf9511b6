import PluginAPI
import SQLKit

/// A staff account as stored in `core_user` (without password hashes).
struct StaffRecord: Decodable, Sendable {
    let id: Int64
    let login: String
    let real_name: String
    let mobile: String
    let landline: String
    let email: String
    let qq: String
    let wechat: String
    let avatar: String
    let role_id: Int64
    let status: String
    let show_public: Int
    let introduction: String
    let motto: String
    let experience: String
    /// Comma list of the contact details shown on the public site (`mobile,email,qq,wechat`).
    let public_contacts: String
    let language: String
    let created_at: Int64
    let last_login_at: Int64?
    let previous_login_at: Int64?

    static let columns = ["id", "login", "real_name", "mobile", "landline", "email", "qq", "wechat", "avatar", "role_id", "status",
                          "show_public", "introduction", "motto", "experience", "public_contacts", "language", "created_at", "last_login_at", "previous_login_at"]

    /// The editable profile fields every staff form binds (never role, status or owner unless the form declares them).
    static let profileFields = ["real_name", "mobile", "landline", "email", "qq", "wechat", "introduction", "motto", "experience"]

    static func find(_ id: Int64, db: any SQLDatabase) async throws -> StaffRecord? {
        try await db.select().columns(columns.map { SQLColumn($0) }).from("core_user").where("id", .equal, id).first(decoding: StaffRecord.self)
    }

    var displayName: String { real_name.isEmpty ? login : real_name }

    /// The contact kinds a form may choose to show publicly, in display order.
    static let publicContactKinds = PublicStaffProfile.ContactKind.allCases.map(\.rawValue)

    /// The posted `public_contacts` choices (checkboxes or a comma list) reduced to known kinds, as stored.
    static func publicContacts(from form: FormData) -> String {
        let chosen = Set(form.all("public_contacts").flatMap { $0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) } })
        return publicContactKinds.filter(chosen.contains).joined(separator: ",")
    }

    /// A JSON snapshot for the audit log.
    var auditJSON: String {
        JSONText.encode(["login": login, "real_name": real_name, "mobile": mobile, "email": email, "role_id": String(role_id),
                         "status": status, "show_public": String(show_public), "public_contacts": public_contacts, "avatar": avatar])
    }
}

/// Validation of the profile fields shared by the staff form and the own-profile form.
enum StaffValidation {
    static func validateProfile(_ form: FormData, _ v: inout Validator, t: (String) -> String) {
        v.required("real_name", form["real_name"], label: t("core.staff.realName"))
        v.length("real_name", form["real_name"], 1...32, label: t("core.staff.realName"))
        v.mobile("mobile", form["mobile"], label: t("core.staff.mobile"))
        v.pattern("landline", form["landline"], "[0-9+\\- ]{5,20}", label: t("core.staff.landline"),
                  rule: LocalizedText(zh: "只能包含数字、+、- 和空格，5–20 位。", en: "digits, +, - and spaces only, 5–20 characters."))
        v.email("email", form["email"], label: t("core.staff.email"))
        v.pattern("qq", form["qq"], "[1-9][0-9]{4,11}", label: "QQ",
                  rule: LocalizedText(zh: "须为 5–12 位数字。", en: "5–12 digits."))
        v.length("wechat", form["wechat"], 1...40, label: t("core.staff.wechat"))
        v.length("introduction", form["introduction"], 0...2000, label: t("core.staff.introduction"))
        v.length("motto", form["motto"], 0...200, label: t("core.staff.motto"))
        v.length("experience", form["experience"], 0...2000, label: t("core.staff.experience"))
    }
}
