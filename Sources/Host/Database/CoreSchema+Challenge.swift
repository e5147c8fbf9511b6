import PluginAPI
import SQLKit

extension CoreSchema {
    /// Version 7: issued arithmetic challenges of public forms (PluginAPI's `ArithmeticChallenge`), each good for one
    /// check until it expires.
    static let challengeMigration = Migration(version: 7, name: "single-use arithmetic challenges") { db in
        try await db.create(table: "core_challenge")
            .column("nonce", type: .text, .primaryKey(autoIncrement: false))
            .column("answer", type: .int, .notNull)
            .column("expires_at", type: .bigint, .notNull)
            .run()
        try await db.create(index: "core_challenge_expires_idx").on("core_challenge").column("expires_at").run()
    }
}
