import Foundation
import HostTesting
import Members
import PluginAPI
import PreSale
import Settings
import SQLKit

/// A team for the PreSale tests:
/// 总经理 gm (all) → 经理A mgra (subtree) → 红娘A hna (own); 经理B mgrb (subtree) → 红娘B hnb (own).
struct PreSaleTeam {
    let t: TestHost
    var ids: [String: Int64] = [:]
    var members: [String: Int64] = [:]

    static let modules: [any Module] = [SettingsModule(), MembersModule(), PreSaleModule()]
    static let grants = ["members.member.view", "members.member.edit", "members.member.add", "presale.workbench.view",
                         "presale.note.view", "presale.note.add", "presale.note.edit", "presale.note.delete", "presale.analysis.view"]

    static func make(settings: [String: [String: SettingValue]] = [:]) async throws -> PreSaleTeam {
        let t = try await TestHost.make(modules: modules, settings: settings)
        var team = PreSaleTeam(t: t)
        let gm = try await t.role("总经理")
        let mgrA = try await t.role("经理A", parent: gm), mgrB = try await t.role("经理B", parent: gm)
        let hnA = try await t.role("红娘A", parent: mgrA), hnB = try await t.role("红娘B", parent: mgrB)
        for (login, role) in [("gm", gm), ("mgra", mgrA), ("mgrb", mgrB), ("hna", hnA), ("hnb", hnB)] {
            let scope = login == "gm" ? "all" : login.hasPrefix("hn") ? "own" : "subtree"
            var grants = Self.grants
            if login == "gm" { grants += ["presale.analysis.export", "presale.registration.edit", "members.member.allocatePresale"] }
            try await t.grant(role, grants, scope: scope)
            team.ids[login] = try await t.staff(login, role: role)
        }
        for owner in ["gm", "mgra", "mgrb", "hna", "hnb"] {
            team.members[owner] = try await team.member("u_\(owner)", owner: team.ids[owner])
        }
        return team
    }

    /// Inserts a member directly (Members' own tests cover its forms).
    func member(_ username: String, owner: Int64?, gender: String = "female", birthday: String = "1995-05-20", education: String = "bachelor",
                income: String = "from_100k_to_200k", marital: String = "unmarried", signed: Bool = false) async throws -> Int64 {
        try await t.db.insert(into: "members_member")
            .columns("username", "gender", "birthday", "province", "owner_id", "signed", "registered_at", "education", "income_band", "marital_status")
            .values(SQLBind(username), SQLBind(gender), SQLBind(birthday), SQLBind("440000"), SQLBind(owner), SQLBind(signed ? 1 : 0),
                    SQLBind(Int64(Date().timeIntervalSince1970)), SQLBind(education), SQLBind(income), SQLBind(marital))
            .returning("id").first(decodingColumn: "id", as: Int64.self) ?? 0
    }

    /// The member's contact times.
    func contactTimes(_ member: Int64) async throws -> (last: Int64?, next: Int64?) {
        struct Row: Decodable { let last_contact_at: Int64?; let next_contact_at: Int64? }
        let row = try await t.db.select().columns("last_contact_at", "next_contact_at").from("members_member").where("id", .equal, member)
            .first(decoding: Row.self)
        return (row?.last_contact_at, row?.next_contact_at)
    }

    /// A valid note form.
    static func noteForm(remark: String, contact: String = "2026-11-20T10:30", next: String = "2026-11-27T09:00", tags: String = "") -> [String: String] {
        ["effective": "1", "intention": "strong", "sign_status": "considering", "unsigned_reason": "price", "contact_at": contact,
         "next_contact_at": next, "remark": remark, "tags": tags]
    }

    /// Today (agency time zone, the default Asia/Shanghai) as yyyy-MM-dd.
    static var today: String { AgencyTime.today(timeZone: "Asia/Shanghai") }
}
