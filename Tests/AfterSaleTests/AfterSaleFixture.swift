import Foundation
import HostTesting
import Members
import PluginAPI
import Settings
import SQLKit
@testable import AfterSale

/// A team for the AfterSale tests:
/// 总经理 gm (all) → 经理A mgra (subtree) → 红娘A hna, hna2 (own, peers); 经理B mgrb (subtree) → 红娘B hnb (own);
/// 前台 desk: views appointments and entrustments at scope all, nothing else.
struct AfterSaleTeam {
    let t: TestHost
    var ids: [String: Int64] = [:]

    static let modules: [any Module] = [SettingsModule(), MembersModule(), AfterSaleModule()]
    static let memberGrants = ["members.member.view", "members.member.edit", "members.member.viewContact"]
    static let afterSaleGrants = ["aftersale.workbench.view", "aftersale.note.view", "aftersale.note.add", "aftersale.note.edit", "aftersale.note.delete",
                                  "aftersale.analysis.view", "aftersale.entrustment.view", "aftersale.entrustment.add", "aftersale.entrustment.edit",
                                  "aftersale.match.view", "aftersale.match.add", "aftersale.match.recommend", "aftersale.match.delete",
                                  "aftersale.appointment.view", "aftersale.appointment.add", "aftersale.appointment.edit", "aftersale.appointment.evaluate"]
    /// Managers and up also review appointments (approve / reject), assign and delete entrustments.
    static let reviewGrants = ["aftersale.appointment.audit", "aftersale.appointment.delete", "aftersale.entrustment.allocate", "aftersale.entrustment.delete"]

    static func make(extra: [any Module] = []) async throws -> AfterSaleTeam {
        let t = try await TestHost.make(modules: modules + extra)
        var team = AfterSaleTeam(t: t)
        let gm = try await t.role("总经理")
        let mgrA = try await t.role("经理A", parent: gm), mgrB = try await t.role("经理B", parent: gm)
        let hnA = try await t.role("红娘A", parent: mgrA), hnB = try await t.role("红娘B", parent: mgrB)
        let desk = try await t.role("前台", parent: gm)
        try await t.grant(gm, memberGrants + afterSaleGrants + reviewGrants, scope: "all")
        for role in [mgrA, mgrB] { try await t.grant(role, memberGrants + afterSaleGrants + reviewGrants) }
        for role in [hnA, hnB] { try await t.grant(role, memberGrants + afterSaleGrants, scope: "own") }
        try await t.grant(desk, ["aftersale.appointment.view", "aftersale.entrustment.view"], scope: "all")
        for (login, role) in [("gm", gm), ("mgra", mgrA), ("mgrb", mgrB), ("hna", hnA), ("hna2", hnA), ("hnb", hnB), ("desk", desk)] {
            team.ids[login] = try await t.staff(login, role: role)
        }
        return team
    }

    /// A member inserted directly (Members' own tests cover its forms); `aftersale` is the after-sale matchmaker.
    struct Profile {
        var gender = "female", birthday = "1995-05-20", height = 165, province = "440000", city = "", education = "bachelor"
        var income = "from_100k_to_200k", marital = "unmarried", signed = true, status = "searching", avatar = "none", blacklisted = false
        var mobile: String? = nil, email = ""
        /// Partner criteria columns (`pc_…`) and their values.
        var criteria: [String: any Encodable & Sendable] = [:]
    }

    @discardableResult
    func member(_ username: String, aftersale: String?, _ p: Profile = Profile()) async throws -> Int64 {
        var columns = ["username", "gender", "birthday", "height", "province", "city", "education", "income_band", "marital_status", "signed",
                       "customer_status", "avatar_status", "blacklisted", "aftersale_owner_id", "registered_at", "mobile", "email"]
        var values: [any SQLExpression] = [SQLBind(username), SQLBind(p.gender), SQLBind(p.birthday), SQLBind(p.height), SQLBind(p.province),
                                           SQLBind(p.city), SQLBind(p.education), SQLBind(p.income), SQLBind(p.marital), SQLBind(p.signed ? 1 : 0),
                                           SQLBind(p.status), SQLBind(p.avatar), SQLBind(p.blacklisted ? 1 : 0), SQLBind(aftersale.flatMap { ids[$0] }),
                                           SQLBind(Int64(Date().timeIntervalSince1970)), SQLBind(p.mobile), SQLBind(p.email)]
        for (column, value) in p.criteria.sorted(by: { $0.key < $1.key }) { columns.append(column); values.append(SQLBind(value)) }
        return try await t.db.insert(into: "members_member").columns(columns).values(values)
            .returning("id").first(decodingColumn: "id", as: Int64.self) ?? 0
    }

    /// The `<tr>…</tr>` of the table row whose cells contain `>text<`, or "" when there is none.
    static func row(containing text: String, in html: String) -> String {
        for part in html.components(separatedBy: "<tr").dropFirst() where part.contains(">\(text)<") {
            return part.components(separatedBy: "</tr>").first ?? ""
        }
        return ""
    }
}
