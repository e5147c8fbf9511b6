import PluginAPI
import SQLKit

/// Failure counters for guessable secrets (a login from one address, one address over all logins, a security password),
/// kept in `core_throttle` so every host process shares them.
///
/// An attempt is *reserved* before the secret is checked: one conditional upsert counts it and refuses it once the
/// limit is reached, so a parallel burst gets no more guesses than a sequential one. A failed check then locks the
/// subject when the limit is reached; a successful one gives the attempt back (``succeeded(_:)``).
struct AttemptThrottle: Sendable {
    /// How many failures a subject may have within a window, and how long it is locked after them.
    struct Rule: Sendable {
        var limit: Int
        var window: Int64
        var lockSeconds: Int64

        /// Five failures within 15 minutes lock for 15 minutes (accounts, security passwords).
        static let secret = Rule(limit: 5, window: 15 * 60, lockSeconds: 15 * 60)
        /// Twenty failures from one address within 15 minutes, over all logins, lock the address for 15 minutes.
        static let address = Rule(limit: 20, window: 15 * 60, lockSeconds: 15 * 60)
    }

    enum Reservation: Sendable, Equatable {
        /// The attempt may go ahead; it is the `attempt`-th counted failure if it fails.
        case reserved(attempt: Int)
        /// The subject is locked (until then, when known; nil while the attempts that reached the limit are still checked).
        case locked(until: Int64?)
    }

    let database: Database

    /// Counts an attempt of `subject` before its secret is checked, or refuses it when the subject is locked.
    /// - Parameters:
    ///   - subject: The counter's key, e.g. `login:admin|203.0.113.9`.
    ///   - account: The login the counter belongs to ("" for none), so a password reset can lift its locks.
    func reserve(_ subject: String, account: String = "", rule: Rule, now: Int64) async throws -> Reservation {
        let windowStart = now - rule.window
        // A row whose window has passed starts again at 1; a locked row or one at the limit is not updated, so no
        // row comes back and the attempt is refused.
        let attempt = try await database.sql.raw("""
            INSERT INTO core_throttle (subject, account, failures, window_start, locked_until) \
            VALUES (\(bind: subject), \(bind: account), 1, \(bind: now), NULL) \
            ON CONFLICT (subject) DO UPDATE SET \
            failures = CASE WHEN core_throttle.window_start <= \(bind: windowStart) THEN 1 ELSE core_throttle.failures + 1 END, \
            window_start = CASE WHEN core_throttle.window_start <= \(bind: windowStart) THEN \(bind: now) ELSE core_throttle.window_start END, \
            locked_until = NULL \
            WHERE (core_throttle.locked_until IS NULL OR core_throttle.locked_until <= \(bind: now)) \
            AND (core_throttle.failures < \(bind: rule.limit) OR core_throttle.window_start <= \(bind: windowStart)) \
            RETURNING failures
            """).first(decodingColumn: "failures", as: Int.self)
        if let attempt { return .reserved(attempt: attempt) }
        return .locked(until: try await lockEnd(subject, now: now))
    }

    /// One guarded check of a secret: reserves the attempt, runs `verify`, then gives the attempt back or counts the
    /// failure (locking at the limit). What the security password and the re-authentication before a change use.
    func check(_ subject: String, rule: Rule, now: Int64 = Clock.now(), verify: () async throws -> Bool) async throws -> SecretCheck {
        guard case .reserved(let attempt) = try await reserve(subject, rule: rule, now: now) else {
            return .locked(until: try await lockEnd(subject, now: now), justLocked: false)
        }
        if try await verify() {
            try await succeeded(subject)
            return .accepted
        }
        if let until = try await failed(subject, rule: rule, now: now) { return .locked(until: until, justLocked: true) }
        return .refused(attemptsLeft: max(0, rule.limit - attempt))
    }

    /// The end of `subject`'s lock, nil when none is set yet.
    private func lockEnd(_ subject: String, now: Int64) async throws -> Int64? {
        let until = try await database.sql.select().column("locked_until").from("core_throttle").where("subject", .equal, subject)
            .first(decodingColumn: "locked_until", as: Int64?.self) ?? nil
        return until.flatMap { $0 > now ? $0 : nil }
    }

    /// After a failed check of a reserved attempt: locks the subject when its failures reached the limit.
    /// Returns the lock's end when this call locked it (the caller audits it), nil otherwise.
    func failed(_ subject: String, rule: Rule, now: Int64) async throws -> Int64? {
        let until = now + rule.lockSeconds
        let locked = try await database.sql.update("core_throttle")
            .set("locked_until", to: until).set("failures", to: 0)
            .where("subject", .equal, subject).where("failures", .greaterThanOrEqual, rule.limit)
            .where { $0.where("locked_until", .is, SQLLiteral.null).orWhere("locked_until", .lessThanOrEqual, now) }
            .returning("subject").first()
        return locked == nil ? nil : until
    }

    /// After a successful check: the subject's reserved attempt was no failure, so its counter starts again.
    func succeeded(_ subject: String) async throws {
        try await database.sql.delete(from: "core_throttle").where("subject", .equal, subject)
            .where { $0.where("locked_until", .is, SQLLiteral.null) }.run()
    }

    /// Gives one reserved attempt back (a success on a shared counter such as an address's).
    func refund(_ subject: String) async throws {
        try await database.sql.update("core_throttle").set(SQLIdentifier("failures"), to: SQLRaw("failures - 1"))
            .where("subject", .equal, subject).where("failures", .greaterThan, 0).run()
    }

    /// Lifts every lock and counter of `account` (a password reset by an administrator).
    func clear(account: String, on db: any SQLDatabase) async throws {
        try await db.delete(from: "core_throttle").where("account", .equal, account).run()
    }

    /// Deletes counters whose window and lock are over (the sweeper calls this).
    func sweep(now: Int64) async throws {
        try await database.sql.delete(from: "core_throttle")
            .where("window_start", .lessThan, now - 86_400)
            .where { $0.where("locked_until", .is, SQLLiteral.null).orWhere("locked_until", .lessThan, now) }
            .run()
    }
}
