import Foundation
import PluginAPI
import SQLKit

/// Every finance approval or rejection asks for the actor's security password; five wrong ones lock the user's
/// finance actions for 15 minutes. Failures are recorded outside the action's transaction, so they count even though
/// the action itself does not happen.
enum SecurityGate {
    static let maxFailures = 5
    static let lockSeconds: Int64 = 15 * 60

    struct Refusal: Error, Sendable, Equatable {
        let message: String
    }

    /// Throws `Refusal` (with a message for the `security_password` field) when the user is locked or the password is wrong.
    static func check(_ req: ModuleRequest, password: String, now: Int64 = Int64(Date().timeIntervalSince1970)) async throws {
        guard let user = req.user else { throw ModuleError.unauthenticated }
        struct Lock: Decodable { let failures: Int; let locked_until: Int64? }
        let lock = try await req.db.select().columns("failures", "locked_until").from("finance_lock").where("user_id", .equal, user.id)
            .first(decoding: Lock.self)
        let zone = try await req.host.site.all().timeZone
        if let until = lock?.locked_until, until > now {
            throw Refusal(message: req.t("gate.locked").replacingOccurrences(of: "{time}", with: AgencyTime.format(until, timeZone: zone)))
        }
        if try await req.host.verifySecurityPassword(userID: user.id, password) {
            if (lock?.failures ?? 0) > 0 || lock?.locked_until != nil { try await store(req.db, user: user.id, failures: 0, lockedUntil: nil) }
            return
        }
        let failures = (lock?.locked_until.map { $0 > now } == false ? 0 : lock?.failures ?? 0) + 1
        if failures >= maxFailures {
            try await store(req.db, user: user.id, failures: 0, lockedUntil: now + lockSeconds)
            try await req.transaction { tx in
                try await tx.audit(AuditEntry(module: "finance", action: "finance.locked", target: "user:\(user.id)", after: "\(maxFailures) wrong security passwords"))
            }
            throw Refusal(message: req.t("gate.locked").replacingOccurrences(of: "{time}", with: AgencyTime.format(now + lockSeconds, timeZone: zone)))
        }
        try await store(req.db, user: user.id, failures: failures, lockedUntil: nil)
        throw Refusal(message: req.t("gate.wrong").replacingOccurrences(of: "{left}", with: String(maxFailures - failures)))
    }

    static func store(_ db: any SQLDatabase, user: Int64, failures: Int, lockedUntil: Int64?) async throws {
        try await db.insert(into: "finance_lock").columns("user_id", "failures", "locked_until")
            .values(SQLBind(user), SQLBind(failures), SQLBind(lockedUntil))
            .onConflict(with: ["user_id"]) { $0.set(excludedValueOf: "failures").set(excludedValueOf: "locked_until") }
            .run()
    }
}
