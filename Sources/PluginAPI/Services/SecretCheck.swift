/// The answer of a throttled check of a secret such as a staff member's security password
/// (``HostServices/checkSecurityPassword(userID:_:)``).
///
/// ```swift
/// switch try await req.host.checkSecurityPassword(userID: user.id, typed) {
/// case .accepted: break
/// case .refused(let left): errors["security_password"] = "… \(left) attempts left"
/// case .locked(let until, let justLocked): if justLocked { audit(…) }; errors["security_password"] = "locked until …"
/// }
/// ```
public enum SecretCheck: Sendable, Equatable {
    /// The secret is right.
    case accepted
    /// The secret is wrong (or none is set); `attemptsLeft` more failures are allowed before the lock.
    case refused(attemptsLeft: Int)
    /// Too many failures: refused whatever was typed, until `until` (UTC epoch seconds; nil while the attempts that
    /// reached the limit are still being checked). `justLocked` is true for the attempt that set the lock.
    case locked(until: Int64?, justLocked: Bool)
}
