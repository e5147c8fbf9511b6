import Foundation
import PluginAPI
import SQLKit
import Synchronization

/// `core_setting` behind the `SiteSettingsStore` contract, cached per `core_version.site`.
final class SiteSettingsService: SiteSettingsStore {
    private let database: Database
    private let audit: AuditLog
    private let cache = Mutex<(version: Int64, settings: SiteSettings)?>(nil)
    let clock: VersionClock

    init(database: Database, audit: AuditLog, clock: VersionClock) {
        self.database = database
        self.audit = audit
        self.clock = clock
    }

    func all() async throws -> SiteSettings {
        let version = try await clock.current(database.sql)["site"] ?? 0
        return try await settings(version: version)
    }

    /// Settings for a version already read this request (saves a query).
    func settings(version: Int64) async throws -> SiteSettings {
        if let cached = cache.withLock({ $0 }), cached.version == version { return cached.settings }
        struct Row: Decodable { let key: String; let value: String }
        let rows = try await database.sql.select().columns("key", "value").from("core_setting").all(decoding: Row.self)
        let settings = SiteSettings(stored: Dictionary(rows.map { ($0.key, $0.value) }, uniquingKeysWith: { a, _ in a }))
        cache.withLock { $0 = (version, settings) }
        return settings
    }

    @discardableResult
    func update(_ values: [String: String], actorID: Int64?) async throws -> SiteSettings {
        let before = try await all()
        let changed = values.filter { before.values[$0.key] != $0.value }
        guard !changed.isEmpty else { return before }
        try await database.transaction { db in
            for (key, value) in changed {
                try await db.insert(into: "core_setting").columns("key", "value").values(SQLBind(key), SQLBind(value))
                    .onConflict(with: ["key"]) { $0.set(excludedValueOf: "value") }
                    .run()
            }
            try await Versions.bump("site", db)
            self.clock.invalidate()
            try await self.audit.write(AuditEntry(module: "settings", action: "site.update", target: "site",
                                                  before: JSONText.encode(changed.keys.reduce(into: [String: String]()) { $0[$1] = before.values[$1] ?? "" }),
                                                  after: JSONText.encode(changed)),
                                       actorID: actorID, db: db)
        }
        return before
    }
}
