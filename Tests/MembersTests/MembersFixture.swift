import Foundation
import HostTesting
import Members
import PluginAPI
import Settings
import SQLKit

/// A team and members for the Members tests:
/// 总经理 gm (subtree) → 经理A mgra (subtree) → 红娘A hna (own); 经理B mgrb (subtree) → 红娘B hnb (own).
struct MembersTeam {
    let t: TestHost
    var ids: [String: Int64] = [:]
    var members: [String: Int64] = [:]

    static let modules: [any Module] = [SettingsModule(), MembersModule()]
    static let memberView = ["members.member.view", "members.member.add", "members.member.edit"]

    static func make(contactFor: Set<String> = ["gm", "mgra", "mgrb"]) async throws -> MembersTeam {
        let t = try await TestHost.make(modules: modules)
        var team = MembersTeam(t: t)
        let gm = try await t.role("总经理")
        let mgrA = try await t.role("经理A", parent: gm), mgrB = try await t.role("经理B", parent: gm)
        let hnA = try await t.role("红娘A", parent: mgrA), hnB = try await t.role("红娘B", parent: mgrB)
        let roles = ["gm": gm, "mgra": mgrA, "mgrb": mgrB, "hna": hnA, "hnb": hnB]
        for (login, role) in roles.sorted(by: { $0.key < $1.key }) {
            let scope = login.hasPrefix("hn") ? "own" : "subtree"
            var grants = memberView + ["members.statistics.view"]
            if !login.hasPrefix("hn") { grants += ["members.member.allocatePresale", "members.member.export", "members.member.import"] }
            if contactFor.contains(login) { grants.append("members.member.viewContact") }
            try await t.grant(role, grants, scope: scope)
            team.ids[login] = try await t.staff(login, role: role)
        }
        for owner in ["gm", "mgra", "mgrb", "hna", "hnb"] {
            team.members[owner] = try await team.member("u_\(owner)", owner: team.ids[owner], mobile: "1380000\(String(format: "%04d", team.members.count + 1))")
        }
        team.members["pool"] = try await team.member("u_pool", owner: nil, mobile: "13900000001")
        return team
    }

    /// Inserts a member directly (the form is tested separately).
    func member(_ username: String, owner: Int64?, mobile: String? = nil, gender: String = "female", birthday: String = "1995-05-20",
                province: String = "440000", signed: Bool = false) async throws -> Int64 {
        try await t.db.insert(into: "members_member")
            .columns("username", "gender", "birthday", "province", "city", "mobile", "email", "id_card", "owner_id", "signed", "registered_at", "education")
            .values(SQLBind(username), SQLBind(gender), SQLBind(birthday), SQLBind(province), SQLBind("440300"), SQLBind(mobile),
                    SQLBind("\(username)@example.com"), SQLBind(nil as String?), SQLBind(owner), SQLBind(signed ? 1 : 0),
                    SQLBind(Int64(Date().timeIntervalSince1970)), SQLBind("bachelor"))
            .returning("id").first(decodingColumn: "id", as: Int64.self) ?? 0
    }

    func owner(of member: Int64) async throws -> Int64? {
        try await t.db.select().column("owner_id").from("members_member").where("id", .equal, member).first(decodingColumn: "owner_id", as: Int64?.self) ?? nil
    }
}

/// A valid ID card number for a birthday and gender (computing the check character like the real rule).
func idCard(birthday: String, male: Bool, region: String = "440305", sequence: Int = 12) -> String {
    let digits = birthday.replacingOccurrences(of: "-", with: "")
    let seq = String(format: "%02d", sequence) + String(male ? 1 : 2)
    let first17 = region + digits + seq
    let weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
    let sum = zip(first17.compactMap(\.wholeNumberValue), weights).reduce(0) { $0 + $1.0 * $1.1 }
    return first17 + String(Array("10X98765432")[sum % 11])
}
