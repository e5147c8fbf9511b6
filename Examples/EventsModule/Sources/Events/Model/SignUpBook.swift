import Foundation
import Members
import PluginAPI
import SQLKit

/// Sign-ups: the capacity check and the counter change are one conditional UPDATE, so two matchmakers taking the
/// last place at the same moment cannot both succeed, on SQLite or PostgreSQL.
enum SignUpBook {
    /// Signs `memberID` up for `event` as the current user. 404 if the user cannot see the member (Members' rules),
    /// 409 when the event is full or the member is already signed up; nothing is written then.
    static func signUp(_ req: ModuleRequest, event: MixerEvent, memberID: Int64) async throws -> Int64 {
        guard let user = req.user else { throw ModuleError.unauthenticated }
        let member = try await MemberDirectory.load(req, id: memberID)
        do {
            return try await insert(req, event: event, member: member, by: user.id)
        } catch let error where !(error is ModuleError) {
            // Two sign-ups of the same member raced past the check: the unique index refused the second one (PostgreSQL).
            let taken = try await req.db.select().column("id").from("events_signup").where("event_id", .equal, event.id)
                .where("member_id", .equal, member.id).first(decodingColumn: "id", as: Int64.self)
            if taken != nil { throw ModuleError.conflict(req.t("duplicate")) }
            throw error
        }
    }

    static func insert(_ req: ModuleRequest, event: MixerEvent, member: MemberRecord, by userID: Int64) async throws -> Int64 {
        try await req.transaction { tx in
            let taken = try await tx.db.select().column("id").from("events_signup").where("event_id", .equal, event.id)
                .where("member_id", .equal, member.id).first(decodingColumn: "id", as: Int64.self)
            guard taken == nil else { throw ModuleError.conflict(req.t("duplicate")) }
            let place = try await tx.db.update("events_event").set(SQLIdentifier("signed_up"), to: SQLRaw("signed_up + 1"))
                .where("id", .equal, event.id).where(SQLColumn("signed_up"), .lessThan, SQLColumn("capacity"))
                .returning("id").first(decodingColumn: "id", as: Int64.self)
            guard place != nil else { throw ModuleError.conflict(req.t("full")) }
            let id = try await tx.db.insert(into: "events_signup").columns("event_id", "member_id", "owner_id", "attended", "created_at")
                .values(SQLBind(event.id), SQLBind(member.id), SQLBind(userID), SQLBind(0), SQLBind(Int64(Date().timeIntervalSince1970)))
                .returning("id").first(decodingColumn: "id", as: Int64.self) ?? 0
            try await tx.publish(Event("events.signup", ["event_id": String(event.id), "member_id": String(member.id)]))
            try await tx.enqueue(OutboxMessage(channel: .internal, recipient: "member:\(member.id)", subject: event.title,
                                               body: "您已报名「\(event.title)」。", module: "events", reference: "event:\(event.id)"))
            try await tx.audit(AuditEntry(module: "events", action: "signup.create", target: "event:\(event.id)", after: "member:\(member.id)"))
            return id
        }
    }

    /// Loads sign-up `:signup` of event `:id`; 404 unless it belongs to that event.
    static func load(_ req: ModuleRequest, event: MixerEvent) async throws -> SignUp {
        guard let signup = try await req.db.select().columns(SignUp.columns).from("events_signup")
            .where("id", .equal, try req.id("signup")).where("event_id", .equal, event.id).first(decoding: SignUp.self) else {
            throw ModuleError.notFound
        }
        return signup
    }

    /// Cancels a sign-up and frees its place — once: a second cancel of the same sign-up (a double click) is 404.
    static func cancel(_ req: ModuleRequest, _ signup: SignUp) async throws {
        try await req.transaction { tx in
            let deleted = try await tx.db.delete(from: "events_signup").where("id", .equal, signup.id).returning("id").all()
            guard !deleted.isEmpty else { throw ModuleError.notFound }
            try await tx.db.update("events_event").set(SQLIdentifier("signed_up"), to: SQLRaw("signed_up - 1"))
                .where("id", .equal, signup.event_id).run()
            try await tx.audit(AuditEntry(module: "events", action: "signup.delete", target: "event:\(signup.event_id)",
                                          before: "member:\(signup.member_id)"))
        }
    }

    /// Marks a sign-up attended.
    static func markAttended(_ req: ModuleRequest, _ signup: SignUp) async throws {
        try await req.transaction { tx in
            try await tx.db.update("events_signup").set("attended", to: 1).where("id", .equal, signup.id).run()
            try await tx.audit(AuditEntry(module: "events", action: "signup.attend", target: "event:\(signup.event_id)",
                                          after: "member:\(signup.member_id)"))
        }
    }
}
