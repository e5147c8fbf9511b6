import Foundation
import SQLKit
import Synchronization

/// The last `core_version` counters this process saw. Logged-in requests read them fresh with their session
/// (one query); anonymous pages and site-setting reads accept counters up to `maxAge` old, and any write made
/// through this process invalidates them at once.
final class VersionClock: Sendable {
    private let state = Mutex<(versions: [String: Int64], at: ContinuousClock.Instant)?>(nil)

    /// Records counters read elsewhere (with the session).
    func note(_ versions: [String: Int64]) {
        state.withLock { $0 = (versions, .now) }
    }

    /// Counters no older than `maxAge`, reading them when needed.
    func current(_ db: any SQLDatabase, maxAge: Duration = .seconds(1)) async throws -> [String: Int64] {
        if let cached = state.withLock({ $0 }), ContinuousClock.now - cached.at < maxAge { return cached.versions }
        let versions = try await Versions.read(db)
        note(versions)
        return versions
    }

    /// Forgets the counters (after this process changed something).
    func invalidate() {
        state.withLock { $0 = nil }
    }
}
