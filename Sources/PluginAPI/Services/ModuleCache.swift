import Synchronization

/// A small per-host cache for data read on almost every page (option lists and the like).
/// Entries live `maxAge`; whoever changes the data calls `invalidate(prefix:)` so this process sees the change at once.
///
/// ```swift
/// let options = try await req.host.cache.value("settings.dict.education", maxAge: .seconds(3)) { try await load() }
/// ```
public final class ModuleCache: Sendable {
    private let entries = Mutex<[String: (at: ContinuousClock.Instant, value: any Sendable)]>([:])

    /// Creates an empty cache (the host owns one).
    public init() {}

    /// The cached value of `key` when younger than `maxAge`, else the result of `load` (then cached).
    public func value<T: Sendable>(_ key: String, maxAge: Duration, load: () async throws -> T) async throws -> T {
        if let hit = entries.withLock({ $0[key] }), ContinuousClock.now - hit.at < maxAge, let value = hit.value as? T { return value }
        let value = try await load()
        entries.withLock { $0[key] = (.now, value) }
        return value
    }

    /// Drops every entry whose key starts with `prefix`.
    public func invalidate(prefix: String) {
        entries.withLock { entries in
            for key in entries.keys where key.hasPrefix(prefix) { entries.removeValue(forKey: key) }
        }
    }
}
