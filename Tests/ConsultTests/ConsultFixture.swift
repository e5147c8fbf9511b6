import Consult
import Foundation
import HostTesting
import Members
import PluginAPI
import Settings
import SQLKit
import Testing

/// A team for the Consult tests:
/// 总经理 gm (subtree, allocates) → 经理A mgra (subtree) → 红娘A hna, hna2 (own, peers); 经理B mgrb (subtree) → 红娘B hnb (own);
/// 前台客服 desk (all: view and allocate only).
struct ConsultTeam {
    let t: TestHost
    var ids: [String: Int64] = [:]

    static let modules: [any Module] = [SettingsModule(), MembersModule(), ConsultModule()]
    static let memberGrants = ["members.member.view", "members.member.add", "members.member.edit"]
    static let consultGrants = ["consult.consultation.view", "consult.consultation.edit"]

    static func make(settings: [String: [String: SettingValue]] = [:]) async throws -> ConsultTeam {
        let t = try await TestHost.make(modules: modules, settings: settings)
        var team = ConsultTeam(t: t)
        let gm = try await t.role("总经理")
        let mgrA = try await t.role("经理A", parent: gm), mgrB = try await t.role("经理B", parent: gm)
        let hnA = try await t.role("红娘A", parent: mgrA), hnB = try await t.role("红娘B", parent: mgrB)
        let desk = try await t.role("前台客服", parent: gm)
        try await t.grant(gm, memberGrants + consultGrants + ["consult.consultation.delete", "consult.consultation.allocate"])
        for role in [mgrA, mgrB] { try await t.grant(role, memberGrants + consultGrants) }
        for role in [hnA, hnB] { try await t.grant(role, memberGrants + consultGrants, scope: "own") }
        try await t.grant(desk, ["consult.consultation.view", "consult.consultation.allocate"], scope: "all")
        for (login, role) in [("gm", gm), ("mgra", mgrA), ("mgrb", mgrB), ("hna", hnA), ("hna2", hnA), ("hnb", hnB), ("desk", desk)] {
            team.ids[login] = try await t.staff(login, role: role)
        }
        return team
    }

    /// Inserts a consultation directly (the public form has its own tests).
    func consultation(_ name: String, mobile: String = "13700000001", owner: Int64? = nil, message: String = "想咨询相亲服务") async throws -> Int64 {
        try await t.db.insert(into: "consult_consultation")
            .columns("contact_name", "mobile", "message", "owner_id", "status", "created_at", "updated_at")
            .values(SQLBind(name), SQLBind(mobile), SQLBind(message), SQLBind(owner), SQLBind("pending"), SQLBind(Int64(Date().timeIntervalSince1970)),
                    SQLBind(Int64(Date().timeIntervalSince1970)))
            .returning("id").first(decodingColumn: "id", as: Int64.self) ?? 0
    }

    struct Row: Decodable, Sendable {
        let contact_name: String; let mobile: String; let message: String; let owner_id: Int64?; let designated_id: Int64?
        let status: String; let result: String; let member_id: Int64?; let important: Int
    }

    func row(_ id: Int64) async throws -> Row? {
        try await t.db.select().columns("contact_name", "mobile", "message", "owner_id", "designated_id", "status", "result", "member_id", "important")
            .from("consult_consultation").where("id", .equal, id).first(decoding: Row.self)
    }

    func row(mobile: String) async throws -> (id: Int64, row: Row)? {
        guard let id = try await t.db.select().column("id").from("consult_consultation").where("mobile", .equal, mobile)
            .first(decodingColumn: "id", as: Int64.self), let row = try await row(id) else { return nil }
        return (id, row)
    }

    /// Shows `login` on the public site with the contact details it chose.
    func showPublic(_ login: String, contacts: String, motto: String = "", status: String = "active") async throws {
        try await t.db.update("core_user").set("show_public", to: 1).set("public_contacts", to: contacts).set("motto", to: motto)
            .set("mobile", to: "13711112222").set("email", to: "\(login)@example.com").set("qq", to: "123456").set("wechat", to: "\(login)_wx")
            .set("status", to: status).where("login", .equal, login).run()
        try await t.bumpKernel()
    }

    /// Stores site settings as the Settings module does (and moves the `site` counter so every process reloads them).
    func site(_ values: [String: String]) async throws {
        for (key, value) in values {
            try await t.db.delete(from: "core_setting").where("key", .equal, key).run()
            try await t.db.insert(into: "core_setting").columns("key", "value").values(SQLBind(key), SQLBind(value)).run()
        }
        try await t.db.update("core_version").set(SQLIdentifier("version"), to: SQLRaw("version + 1")).where("key", .equal, "site").run()
    }

    /// The answer to the arithmetic question on a page ("请计算：3 + 5 = ?").
    static func answer(_ html: String) throws -> String {
        let marker = try #require(html.range(of: "请计算："))
        let parts = html[marker.upperBound...].prefix(12).split(separator: " ")
        return String(try #require(Int(parts[0])) + (try #require(Int(parts[2]))))
    }

    /// The public consultation form as a visitor fills it in, from the page they were shown.
    static func form(_ html: String, name: String = "周女士", mobile: String = "13912345678", message: String = "想了解一对一红娘服务",
                     extra: [String: String] = [:]) throws -> [String: String] {
        var form = ["_csrf": Browser.hiddenValue("_csrf", in: html) ?? "", "challenge": Browser.hiddenValue("challenge", in: html) ?? "",
                    "answer": try answer(html), "contact_name": name, "mobile": mobile, "message": message]
        if let designated = Browser.hiddenValue("designated", in: html) { form["designated"] = designated }
        if let fixed = Browser.hiddenValue("fixed", in: html) { form["fixed"] = fixed }
        form.merge(extra) { _, new in new }
        return form
    }
}
