import PluginAPI
import SQLKit

/// The append-only audit log: the only code that writes `core_audit`, and it only inserts.
struct AuditLog: Sendable {
    /// Appends `entry` by `actorID` on `db` (the caller's transaction when there is one).
    func write(_ entry: AuditEntry, actorID: Int64?, db: any SQLDatabase) async throws {
        var login = ""
        if let actorID {
            login = try await db.select().column("login").from("core_user").where("id", .equal, actorID)
                .first(decodingColumn: "login", as: String.self) ?? ""
        }
        try await db.insert(into: "core_audit")
            .columns("at", "actor_id", "actor_login", "module", "action", "target", "before_state", "after_state")
            .values(SQLBind(Clock.now()), SQLBind(actorID), SQLBind(login), SQLBind(entry.module), SQLBind(entry.action),
                    SQLBind(entry.target), SQLBind(entry.before), SQLBind(entry.after))
            .run()
    }
}
