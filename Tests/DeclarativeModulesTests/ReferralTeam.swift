import DeclarativeModules
import Foundation
import HostTesting
import Members
import PluginAPI
import Settings
import SQLKit
import Testing

/// The repository's root (for the shipped `modules.d/` and `docs/`).
let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

/// The shipped example, `modules.d/referrals.yaml`, as the host loads it.
func shippedReferrals() throws -> DeclarativeModule {
    let modules = try DeclarativeModuleSource.load(configDirectory: repositoryRoot.path, compiled: [SettingsModule(), MembersModule()])
    return try #require(modules.first { $0.id == "referrals" })
}

/// A team for the referral tests, over the shipped `referrals` module:
/// 总经理 gm (subtree, with delete) → 经理A mgra (subtree) → 红娘A hna, hna2 (own, peers); 经理B mgrb (subtree) → 红娘B hnb (own);
/// 无权限 nobody (no grant at all). Everyone may view members at their scope.
struct ReferralTeam {
    let t: TestHost
    var ids: [String: Int64] = [:]

    static let work = ["referrals.referral.view", "referrals.referral.add", "referrals.referral.edit", "members.member.view"]

    static func make() async throws -> ReferralTeam {
        let t = try await TestHost.make(modules: [SettingsModule(), MembersModule(), try shippedReferrals()])
        var team = ReferralTeam(t: t)
        let gm = try await t.role("总经理")
        let mgrA = try await t.role("经理A", parent: gm), mgrB = try await t.role("经理B", parent: gm)
        let hnA = try await t.role("红娘A", parent: mgrA), hnB = try await t.role("红娘B", parent: mgrB)
        let nobody = try await t.role("无权限", parent: gm)
        try await t.grant(gm, work + ["referrals.referral.delete"])
        for role in [mgrA, mgrB] { try await t.grant(role, work) }
        for role in [hnA, hnB] { try await t.grant(role, work, scope: "own") }
        for (login, role) in [("gm", gm), ("mgra", mgrA), ("mgrb", mgrB), ("hna", hnA), ("hna2", hnA), ("hnb", hnB), ("nobody", nobody)] {
            team.ids[login] = try await t.staff(login, role: role)
        }
        return team
    }

    func id(_ login: String) -> Int64 { ids[login] ?? 0 }

    /// A member owned by `owner`.
    func member(_ username: String, owner: String) async throws -> Int64 {
        try await t.db.insert(into: "members_member").columns("username", "gender", "birthday", "province", "owner_id", "registered_at")
            .values(SQLBind(username), SQLBind("female"), SQLBind("1995-01-01"), SQLBind("440000"), SQLBind(id(owner)), SQLBind(Int64(0)))
            .returning("id").first(decodingColumn: "id", as: Int64.self) ?? 0
    }

    /// A referral inserted directly, owned by `owner`.
    func referral(_ name: String, mobile: String, owner: String, referrer: Int64, status: String = "new", reward: Int64? = nil) async throws -> Int64 {
        try await t.db.insert(into: "referrals_referral")
            .columns("referrer", "referred_name", "mobile", "status", "reward", "referred_on", "rewarded", "owner_id", "created_by", "created_at", "updated_at")
            .values(SQLBind(referrer), SQLBind(name), SQLBind(mobile), SQLBind(status), SQLBind(reward), SQLBind("2026-11-20"), SQLBind(Int64(0)),
                    SQLBind(id(owner)), SQLBind(id(owner)), SQLBind(Int64(1_764_000_000)), SQLBind(Int64(1_764_000_000)))
            .returning("id").first(decodingColumn: "id", as: Int64.self) ?? 0
    }

    struct Row: Decodable, Sendable {
        let referrer: Int64?; let referred_name: String?; let mobile: String?; let status: String?; let reward: Int64?
        let referred_on: String?; let rewarded: Int64?; let owner_id: Int64?; let created_by: Int64?; let remark: String?
    }

    func row(_ id: Int64) async throws -> Row? {
        try await t.db.select().columns("referrer", "referred_name", "mobile", "status", "reward", "referred_on", "rewarded", "owner_id",
                                        "created_by", "remark")
            .from("referrals_referral").where("id", .equal, id).first(decoding: Row.self)
    }

    func row(mobile: String) async throws -> (id: Int64, row: Row)? {
        guard let id = try await t.db.select().column("id").from("referrals_referral").where("mobile", .equal, mobile)
            .first(decodingColumn: "id", as: Int64.self), let row = try await row(id) else { return nil }
        return (id, row)
    }
}
