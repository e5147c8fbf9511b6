import PluginAPI
import SQLKit

/// The tables of the events module. Version 2 shows an upgrade: a column added to a shipped table.
enum EventsSchema {
    static let migrations: [Migration] = [
        Migration(version: 1, name: "events and sign-ups") { db in
            try await db.create(table: "events_event")
                .column("id", type: .bigint, .primaryKey(autoIncrement: true))
                .column("owner_id", type: .bigint, .notNull)                // the organiser
                .column("title", type: .text, .notNull)
                .column("venue", type: .text, .notNull, .default(""))
                .column("starts_at", type: .bigint, .notNull)               // UTC epoch seconds
                .column("capacity", type: .int, .notNull)
                .column("signed_up", type: .int, .notNull, .default(0))     // kept by the same statement that checks capacity
                .column("created_at", type: .bigint, .notNull)
                .column("updated_at", type: .bigint, .notNull)
                .run()
            try await db.create(index: "events_event_owner_idx").on("events_event").column("owner_id").column("id").run()
            try await db.create(index: "events_event_starts_idx").on("events_event").column("starts_at").run()
            try await db.create(table: "events_signup")
                .column("id", type: .bigint, .primaryKey(autoIncrement: true))
                .column("event_id", type: .bigint, .notNull, .references("events_event", "id", onDelete: .cascade))
                .column("member_id", type: .bigint, .notNull)
                .column("owner_id", type: .bigint, .notNull)                // the matchmaker who signed the member up
                .column("attended", type: .int, .notNull, .default(0))
                .column("created_at", type: .bigint, .notNull)
                .run()
            try await db.create(index: "events_signup_member_idx").on("events_signup").column("event_id").column("member_id").unique().run()
        },
        Migration(version: 2, name: "event details") { db in
            try await db.alter(table: "events_event").column("note", type: .text, .notNull, .default("")).run()
        },
    ]
}
