import PluginAPI
import SQLKit

/// Password login with lockout: 5 failures within 15 minutes lock the account for 15 minutes.
struct LoginService: Sendable {
    enum Outcome: Sendable, Equatable {
        case success(userID: Int64)
        case invalid
        case locked(untilEpoch: Int64)
        case disabled
    }

    static let maxFailures = 5
    static let window: Int64 = 15 * 60
    static let lockSeconds: Int64 = 15 * 60

    let database: Database
    let audit: AuditLog

    func attempt(login: String, password: String, ip: String) async throws -> Outcome {
        struct Row: Decodable { let id: Int64; let password_hash: String; let status: String; let locked_until: Int64? }
        let now = Clock.now()
        let user = try await database.sql.select().columns("id", "password_hash", "status", "locked_until").from("core_user")
            .where("login", .equal, login).first(decoding: Row.self)
        if let user, let until = user.locked_until, until > now { return .locked(untilEpoch: until) }
        let ok = try await Passwords.verify(password, hash: user?.password_hash ?? "")
        try await database.sql.insert(into: "core_login_attempt").columns("login", "at", "ip", "success")
            .values(SQLBind(login), SQLBind(now), SQLBind(ip), SQLBind(ok ? 1 : 0)).run()
        guard let user else { return .invalid }
        if ok {
            guard user.status == "active" else { return .disabled }
            try await database.sql.update("core_user").set(SQLIdentifier("previous_login_at"), to: SQLIdentifier("last_login_at"))
                .set("last_login_at", to: now).set("locked_until", to: SQLLiteral.null)
                .where("id", .equal, user.id).run()
            return .success(userID: user.id)
        }
        let lastSuccess = try await database.sql.select().column(SQLFunction("MAX", args: SQLColumn("at")), as: "at")
            .from("core_login_attempt").where("login", .equal, login).where("success", .equal, 1)
            .first(decodingColumn: "at", as: Int64?.self) ?? nil
        let since = max(now - Self.window, (lastSuccess ?? 0) + 1)
        let failures = try await database.sql.select().column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n")
            .from("core_login_attempt").where("login", .equal, login).where("success", .equal, 0)
            .where("at", .greaterThanOrEqual, since).first(decodingColumn: "n", as: Int.self) ?? 0
        if failures >= Self.maxFailures {
            let until = now + Self.lockSeconds
            try await database.transaction { db in
                try await db.update("core_user").set("locked_until", to: until).where("id", .equal, user.id).run()
                try await audit.write(AuditEntry(module: "core", action: "auth.lock", target: "staff:\(user.id)",
                                                 after: "locked after \(failures) failed logins from \(ip)"),
                                      actorID: nil, db: db)
            }
            return .locked(untilEpoch: until)
        }
        return .invalid
    }
}
