import Events
import Foundation
import HostTesting
import Members
import PluginAPI
import Settings
import SQLKit

/// A team for the events tests:
/// 活动主管A orga and 活动主管B orgb (peer roles, own scope: each runs their own events, marks attendance);
/// 红娘 hna, hnb (see every event, sign up their own members, own scope); 督导 viewer (view events only, scope all).
struct EventsTeam {
    let t: TestHost
    var ids: [String: Int64] = [:]
    var members: [String: Int64] = [:]

    static let modules: [any Module] = [SettingsModule(), MembersModule(), EventsModule()]
    static let organiser = ["events.event.view", "events.event.add", "events.event.edit", "events.event.delete", "events.event.attend",
                            "events.signup.view"]

    static func make() async throws -> EventsTeam {
        let t = try await TestHost.make(modules: modules)
        var team = EventsTeam(t: t)
        let orgA = try await t.role("活动主管A"), orgB = try await t.role("活动主管B")
        let matchmaker = try await t.role("红娘"), viewer = try await t.role("督导")
        for role in [orgA, orgB] { try await t.grant(role, organiser, scope: "own") }
        try await t.grant(matchmaker, ["events.event.view"], scope: "all")
        try await t.grant(matchmaker, ["members.member.view", "events.signup.view", "events.signup.add", "events.signup.delete"], scope: "own")
        try await t.grant(viewer, ["events.event.view"], scope: "all")
        for (login, role) in [("orga", orgA), ("orgb", orgB), ("hna", matchmaker), ("hnb", matchmaker), ("viewer", viewer)] {
            team.ids[login] = try await t.staff(login, role: role)
        }
        for (index, owner) in ["hna", "hna", "hna", "hnb"].enumerated() {
            team.members["\(owner)\(index)"] = try await team.member("u_\(owner)_\(index)", owner: team.ids[owner])
        }
        return team
    }

    /// Inserts a member as Members would (its own tests cover the form).
    func member(_ username: String, owner: Int64?) async throws -> Int64 {
        try await t.db.insert(into: "members_member")
            .columns("username", "gender", "birthday", "province", "city", "owner_id", "signed", "registered_at", "education")
            .values(SQLBind(username), SQLBind("female"), SQLBind("1995-05-20"), SQLBind("440000"), SQLBind("440300"), SQLBind(owner),
                    SQLBind(0), SQLBind(Int64(Date().timeIntervalSince1970)), SQLBind("bachelor"))
            .returning("id").first(decodingColumn: "id", as: Int64.self) ?? 0
    }

    /// Inserts an event organised by `owner`.
    func event(_ title: String, owner: String = "orga", capacity: Int = 10, startsAt: Int64 = 1_900_000_000) async throws -> Int64 {
        let now = Int64(Date().timeIntervalSince1970)
        return try await t.db.insert(into: "events_event")
            .columns("owner_id", "title", "venue", "starts_at", "capacity", "signed_up", "note", "created_at", "updated_at")
            .values(SQLBind(ids[owner] ?? 0), SQLBind(title), SQLBind("茶室"), SQLBind(startsAt), SQLBind(capacity), SQLBind(0), SQLBind(""),
                    SQLBind(now), SQLBind(now))
            .returning("id").first(decodingColumn: "id", as: Int64.self) ?? 0
    }

    struct EventRow: Decodable, Sendable { let title: String; let capacity: Int; let signed_up: Int }

    func event(_ id: Int64) async throws -> EventRow? {
        try await t.db.select().columns("title", "capacity", "signed_up").from("events_event").where("id", .equal, id).first(decoding: EventRow.self)
    }

    func signUps(_ event: Int64) async throws -> Int { try await t.count("events_signup", where: "event_id", event) }

    func signUpID(_ event: Int64, member: Int64) async throws -> Int64? {
        try await t.db.select().column("id").from("events_signup").where("event_id", .equal, event).where("member_id", .equal, member)
            .first(decodingColumn: "id", as: Int64.self)
    }
}
