import PluginAPI
import SQLKit

extension CoreSchema {
    /// Version 5: attempt counters shared by every host process, forced password changes, API token expiry.
    static let securityMigration = Migration(version: 5, name: "attempt throttle, forced password change, token expiry") { db in
        try await db.create(table: "core_throttle")
            .column("subject", type: .text, .primaryKey(autoIncrement: false))
            .column("account", type: .text, .notNull, .default(""))
            .column("failures", type: .int, .notNull)
            .column("window_start", type: .bigint, .notNull)
            .column("locked_until", type: .bigint)
            .run()
        try await db.create(index: "core_throttle_account_idx").on("core_throttle").column("account").run()
        // Set with a temporary password: every page but the password change redirects there until it is changed.
        try await db.alter(table: "core_user").column("must_change_password", type: .int, .notNull, .default(0)).run()
        try await db.alter(table: "core_api_token").column("expires_at", type: .bigint).run()
        try await db.update("core_api_token").set(SQLIdentifier("expires_at"), to: SQLRaw("created_at + \(APITokenService.defaultLifetime)")).run()
    }
}
