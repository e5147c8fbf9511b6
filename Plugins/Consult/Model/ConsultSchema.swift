import PluginAPI
import SQLKit

/// Tables of the Consult module.
enum ConsultSchema {
    static let migrations: [Migration] = [
        Migration(version: 1, name: "consultations, their allocations, public form attempts") { db in
            try await db.create(table: "consult_consultation")
                .column("id", type: .bigint, .primaryKey(autoIncrement: true))
                .column("contact_name", type: .text, .notNull)
                .column("mobile", type: .text, .notNull)
                .column("message", type: .text, .notNull)
                // The matchmaker the visitor asked for (kept even after a re-allocation).
                .column("designated_id", type: .bigint)
                // The assigned matchmaker, the kernel's owner; NULL = waiting for allocation.
                .column("owner_id", type: .bigint)
                .column("important", type: .int, .notNull, .default(0))
                .column("status", type: .text, .notNull, .default("pending"))
                .column("result", type: .text, .notNull, .default(""))
                .column("processed_at", type: .bigint)
                .column("processed_by", type: .bigint)
                // The member this consultation became (conversion) or was linked to (same mobile).
                .column("member_id", type: .bigint, .references("members_member", "id", onDelete: .setNull))
                // One-time proof handed to Members' entry form by "convert into a member" (see ConsultConversion).
                .column("convert_token", type: .text, .notNull, .default(""))
                .column("source_address", type: .text, .notNull, .default(""))
                .column("created_at", type: .bigint, .notNull)
                .column("updated_at", type: .bigint, .notNull)
                .run()
            // Lists: a state, under the visibility predicate on owner_id, newest first.
            try await db.create(index: "consult_consultation_status_idx").on("consult_consultation").column("status").column("owner_id").column("id").run()
            try await db.create(index: "consult_consultation_owner_idx").on("consult_consultation").column("owner_id").column("status").column("id").run()
            try await db.create(index: "consult_consultation_created_idx").on("consult_consultation").column("created_at").run()
            try await db.create(index: "consult_consultation_mobile_idx").on("consult_consultation").column("mobile").run()
            try await db.create(index: "consult_consultation_member_idx").on("consult_consultation").column("member_id").run()

            try await db.create(table: "consult_allocation")
                .column("id", type: .bigint, .primaryKey(autoIncrement: true))
                .column("consultation_id", type: .bigint, .notNull, .references("consult_consultation", "id", onDelete: .cascade))
                .column("from_owner", type: .bigint)
                .column("to_owner", type: .bigint, .notNull)
                .column("by_user", type: .bigint, .notNull)
                .column("at", type: .bigint, .notNull)
                .column("remark", type: .text, .notNull, .default(""))
                .run()
            try await db.create(index: "consult_allocation_consultation_idx").on("consult_allocation").column("consultation_id").column("at").run()

            try await SubmissionLimit.createTable("consult_attempt", on: db)
        },
        Migration(version: 2, name: "public form attempts counted per address") { db in
            try await SubmissionLimit.replaceTable("consult_attempt", on: db)
        },
    ]
}
