import PluginAPI
import SQLKit

/// The tables of the points module. Never edit a shipped migration: add the next version.
enum PointsSchema {
    static let migrations: [Migration] = [
        Migration(version: 1, name: "items") { db in
            try await db.create(table: "points_item")
                .column("id", type: .bigint, .primaryKey(autoIncrement: true))
                .column("owner_id", type: .bigint, .notNull)              // the staff member the kernel checks
                .column("title", type: .text, .notNull)
                .column("note", type: .text, .notNull, .default(""))
                .column("created_at", type: .bigint, .notNull)            // UTC epoch seconds
                .column("updated_at", type: .bigint, .notNull)
                .run()
            try await db.create(index: "points_item_owner_idx").on("points_item").column("owner_id").column("id").run()
        },
    ]
}
