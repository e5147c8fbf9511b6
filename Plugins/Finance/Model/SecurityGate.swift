import Foundation
import PluginAPI

/// Every finance approval or rejection asks for the actor's security password. The host counts the attempt before it
/// checks the password (`checkSecurityPassword`), so five wrong ones — even sent in parallel — lock the security
/// password, and with it the user's finance actions, for 15 minutes. The lock is audited here as `finance.locked`.
enum SecurityGate {
    struct Refusal: Error, Sendable, Equatable {
        let message: String
    }

    /// Throws `Refusal` (with a message for the `security_password` field) when the user is locked or the password is wrong.
    static func check(_ req: ModuleRequest, password: String) async throws {
        guard let user = req.user else { throw ModuleError.unauthenticated }
        switch try await req.host.checkSecurityPassword(userID: user.id, password) {
        case .accepted:
            return
        case .refused(let left):
            throw Refusal(message: req.t("gate.wrong").replacingOccurrences(of: "{left}", with: String(left)))
        case .locked(let until, let justLocked):
            if justLocked {
                try await req.transaction { tx in
                    try await tx.audit(AuditEntry(module: "finance", action: "finance.locked", target: "user:\(user.id)",
                                                  after: "5 wrong security passwords"))
                }
            }
            let zone = req.site.timeZone
            let time = until.map { AgencyTime.format($0, timeZone: zone) } ?? "—"
            throw Refusal(message: req.t("gate.locked").replacingOccurrences(of: "{time}", with: time))
        }
    }
}
