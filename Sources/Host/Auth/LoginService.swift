import PluginAPI
import SQLKit

/// Password login, throttled before the password is checked (see `AttemptThrottle`):
/// - five failures of one login from one address within 15 minutes lock that login for that address for 15 minutes;
/// - twenty failures from one address over all logins lock the address for 15 minutes;
/// so a burst in parallel gets no more guesses than one in sequence, and one client cannot keep another's account locked.
/// An unknown login is checked against a dummy hash and counted like a known one: both answer alike.
struct LoginService: Sendable {
    enum Outcome: Sendable, Equatable {
        case success(userID: Int64, mustChangePassword: Bool)
        case invalid
        case locked(untilEpoch: Int64?)
        case disabled
    }

    let database: Database
    let audit: AuditLog
    let throttle: AttemptThrottle

    /// The counter of `login` tried from `ip`.
    static func subject(login: String, ip: String) -> String { "login:\(login)|\(ip)" }

    func attempt(login rawLogin: String, password: String, ip: String) async throws -> Outcome {
        let now = Clock.now()
        let login = String(rawLogin.prefix(100))
        let pair = Self.subject(login: login, ip: ip), address = "address:\(ip)"
        if case .locked(let until) = try await throttle.reserve(address, rule: .address, now: now) { return .locked(untilEpoch: until) }
        if case .locked(let until) = try await throttle.reserve(pair, account: login, rule: .secret, now: now) {
            try await throttle.refund(address)
            return .locked(untilEpoch: until)
        }
        struct Row: Decodable { let id: Int64; let password_hash: String; let status: String; let must_change_password: Int }
        let user = try await database.sql.select().columns("id", "password_hash", "status", "must_change_password").from("core_user")
            .where("login", .equal, login).first(decoding: Row.self)
        let ok = try await Passwords.verify(password, hash: user?.password_hash)   // false without a user (dummy hash)
        try await database.sql.insert(into: "core_login_attempt").columns("login", "at", "ip", "success")
            .values(SQLBind(login), SQLBind(now), SQLBind(ip), SQLBind(ok ? 1 : 0)).run()
        if ok, let user {
            try await throttle.succeeded(pair)
            try await throttle.refund(address)
            guard user.status == "active" else { return .disabled }
            try await database.sql.update("core_user").set(SQLIdentifier("previous_login_at"), to: SQLIdentifier("last_login_at"))
                .set("last_login_at", to: now).where("id", .equal, user.id).run()
            return .success(userID: user.id, mustChangePassword: user.must_change_password == 1)
        }
        let target = user.map { "staff:\($0.id)" } ?? "login:\(login)"
        if let until = try await throttle.failed(pair, rule: .secret, now: now) {
            try await audit.write(AuditEntry(module: "core", action: "auth.lock", target: target,
                                             after: "locked after \(AttemptThrottle.Rule.secret.limit) failed logins from \(ip)"),
                                  actorID: nil, db: database.sql)
            return .locked(untilEpoch: until)
        }
        if let until = try await throttle.failed(address, rule: .address, now: now) {
            try await audit.write(AuditEntry(module: "core", action: "auth.lockAddress", target: "address:\(ip)",
                                             after: "locked after \(AttemptThrottle.Rule.address.limit) failed logins"),
                                  actorID: nil, db: database.sql)
            return .locked(untilEpoch: until)
        }
        return .invalid
    }
}
