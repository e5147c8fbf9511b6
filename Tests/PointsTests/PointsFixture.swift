import Foundation
import HostTesting
import PluginAPI
import Points
import SQLKit

/// A team for the points tests: 组长 lead (subtree) → 红娘 hna, hnb (own, peers); 督导 viewer (view only, scope all).
struct PointsTeam {
    let t: TestHost
    var ids: [String: Int64] = [:]

    static let all = ["points.item.view", "points.item.add", "points.item.edit", "points.item.delete"]

    static func make() async throws -> PointsTeam {
        let t = try await TestHost.make(modules: [PointsModule()])
        var team = PointsTeam(t: t)
        let lead = try await t.role("组长")
        let matchmaker = try await t.role("红娘", parent: lead)
        let viewer = try await t.role("督导")
        try await t.grant(lead, all)
        try await t.grant(matchmaker, all, scope: "own")
        try await t.grant(viewer, ["points.item.view"], scope: "all")
        for (login, role) in [("lead", lead), ("hna", matchmaker), ("hnb", matchmaker), ("viewer", viewer)] {
            team.ids[login] = try await t.staff(login, role: role)
        }
        return team
    }

    /// Inserts an item owned by `owner` directly.
    func item(_ title: String, owner: String) async throws -> Int64 {
        try await t.db.insert(into: "points_item").columns("owner_id", "title", "note", "created_at", "updated_at")
            .values(SQLBind(ids[owner] ?? 0), SQLBind(title), SQLBind(""), SQLBind(0), SQLBind(0))
            .returning("id").first(decodingColumn: "id", as: Int64.self) ?? 0
    }

    struct Row: Decodable, Sendable { let title: String; let note: String; let owner_id: Int64 }

    func row(_ id: Int64) async throws -> Row? {
        try await t.db.select().columns("title", "note", "owner_id").from("points_item").where("id", .equal, id).first(decoding: Row.self)
    }
}
