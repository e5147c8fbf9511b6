import PluginAPI
import SQLKit

/// The staff shown on the public site (红娘团队), for modules' public pages.
extension HostRuntime {
    struct PublicStaffRow: Decodable, Sendable {
        let id: Int64; let login: String; let real_name: String; let avatar: String; let motto: String; let introduction: String
        let experience: String; let mobile: String; let email: String; let qq: String; let wechat: String; let public_contacts: String

        var profile: PublicStaffProfile {
            let chosen = Set(public_contacts.split(separator: ",").map(String.init))
            let values: [PublicStaffProfile.ContactKind: String] = [.mobile: mobile, .email: email, .qq: qq, .wechat: wechat]
            let contacts = PublicStaffProfile.ContactKind.allCases.compactMap { kind -> PublicStaffProfile.Contact? in
                guard chosen.contains(kind.rawValue), let value = values[kind], !value.isEmpty else { return nil }
                return PublicStaffProfile.Contact(kind: kind, value: value)
            }
            return PublicStaffProfile(id: id, name: real_name.isEmpty ? login : real_name, avatar: avatar.isEmpty ? "" : "/uploads/\(avatar)",
                                      motto: motto, introduction: introduction, experience: experience, contacts: contacts)
        }
    }

    static let publicStaffColumns = ["id", "login", "real_name", "avatar", "motto", "introduction", "experience", "mobile", "email", "qq",
                                     "wechat", "public_contacts"]

    /// Active staff with "show on the public site" on.
    private func shownOnPublicSite(_ query: SQLSelectBuilder) -> SQLSelectBuilder {
        query.from("core_user").where("show_public", .equal, 1).where("status", .equal, "active")
    }

    func publicStaff(page: Int, pageSize: Int) async throws -> (staff: [PublicStaffProfile], total: Int) {
        let size = max(1, min(pageSize, 200))
        let total = try await shownOnPublicSite(db.sql.select().column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n"))
            .first(decodingColumn: "n", as: Int.self) ?? 0
        let rows = try await shownOnPublicSite(db.sql.select().columns(Self.publicStaffColumns.map { SQLColumn($0) }))
            .orderBy("id").limit(size).offset((max(1, page) - 1) * size).all(decoding: PublicStaffRow.self)
        return (rows.map(\.profile), total)
    }

    func publicStaff(id: Int64) async throws -> PublicStaffProfile? {
        try await shownOnPublicSite(db.sql.select().columns(Self.publicStaffColumns.map { SQLColumn($0) })).where("id", .equal, id)
            .first(decoding: PublicStaffRow.self)?.profile
    }
}
