import PluginAPI
import SQLKit

/// First-run tasks: the first administrator, password resets from the command line.
struct Bootstrap: Sendable {
    let host: YuelaoHost

    struct Credentials: Sendable { let login: String; let password: String }

    func systemRoleID() async throws -> Int64 {
        guard let id = try await host.database.sql.select().column("id").from("core_role").where("is_system", .equal, 1)
            .orderBy("id").first(decodingColumn: "id", as: Int64.self) else { throw DatabaseError("the system administrator role is missing; run migrate") }
        return id
    }

    /// Creates `login` as administrator when no staff account exists yet; nil when there already is one.
    func ensureAdministrator(login: String, password: String?) async throws -> Credentials? {
        let count = try await host.database.sql.select().column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n").from("core_user")
            .first(decodingColumn: "n", as: Int.self) ?? 0
        guard count == 0 else { return nil }
        return try await createAdministrator(login: login, password: password)
    }

    func createAdministrator(login: String, password: String?) async throws -> Credentials {
        let password = password ?? Passwords.temporary()
        if let key = Passwords.ruleViolation(password) { throw DatabaseError(host.catalog.text(key, .en)) }
        guard login.range(of: "^[A-Za-z0-9_.]{3,16}$", options: .regularExpression) != nil else {
            throw DatabaseError("login must be 3–16 letters, digits, underscores or dots")
        }
        let role = try await systemRoleID()
        let hash = try await Passwords.hash(password)
        try await host.runtime.transaction(actorID: nil) { tx in
            let id = try await tx.db.insert(into: "core_user").columns("login", "password_hash", "real_name", "role_id", "status", "created_at")
                .values(SQLBind(login), SQLBind(hash), SQLBind("系统管理员"), SQLBind(role), SQLBind("active"), SQLBind(Clock.now()))
                .returning("id").first(decodingColumn: "id", as: Int64.self) ?? 0
            try await Versions.bump("kernel", tx.db)
            try await tx.audit(AuditEntry(module: "core", action: "staff.create", target: "staff:\(id)", after: "administrator \(login) (command line)"))
        }
        return Credentials(login: login, password: password)
    }

    /// Resets `login`'s password (a generated one must be changed at the next login); ends its sessions, revokes its API
    /// tokens and lifts its login locks.
    func resetPassword(login: String, password: String?) async throws -> String {
        let generated = password == nil
        let password = password ?? Passwords.temporary()
        if let key = Passwords.ruleViolation(password) { throw DatabaseError(host.catalog.text(key, .en)) }
        guard let id = try await host.database.sql.select().column("id").from("core_user").where("login", .equal, login)
            .first(decodingColumn: "id", as: Int64.self) else { throw DatabaseError("no staff account with login '\(login)'") }
        let hash = try await Passwords.hash(password)
        try await host.runtime.transaction(actorID: nil) { tx in
            try await tx.db.update("core_user").set("password_hash", to: hash).set("must_change_password", to: generated ? 1 : 0)
                .where("id", .equal, id).run()
            try await host.throttle.clear(account: login, on: tx.db)
            try await host.apiTokens.revokeAll(of: id, db: tx.db)
            try await host.sessions.endAll(of: id, on: tx.db)
            try await tx.audit(AuditEntry(module: "core", action: "staff.resetPassword", target: "staff:\(id)", after: "command line"))
        }
        return password
    }
}
