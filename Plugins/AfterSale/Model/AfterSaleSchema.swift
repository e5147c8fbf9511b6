import Members
import PluginAPI
import Settings
import SQLKit

/// Tables of the AfterSale module.
enum AfterSaleSchema {
    static let migrations: [Migration] = [
        Migration(version: 1, name: "notes, contacts, entrustments, contracts, matches, appointments") { db in
            try await FollowUpNotes.createTable(db, name: "aftersale_note", stage: "aftersale")

            // The member's latest after-sale follow-up (the member's own contact times belong to the pre-sale workbench).
            try await db.create(table: "aftersale_contact")
                .column("member_id", type: .bigint, .primaryKey(autoIncrement: false), .references("members_member", "id", onDelete: .cascade))
                .column("last_contact_at", type: .bigint, .notNull)
                .column("next_contact_at", type: .bigint)
                .run()
            try await db.create(index: "aftersale_contact_next_idx").on("aftersale_contact").column("next_contact_at").run()

            // 前台委托: a signed member's request, handled by the after-sale matchmaker it is assigned to (owner_id).
            try await db.create(table: "aftersale_entrustment")
                .column("id", type: .bigint, .primaryKey(autoIncrement: true))
                .column("member_id", type: .bigint, .notNull, .references("members_member", "id", onDelete: .cascade))
                .column("owner_id", type: .bigint)
                .column("content", type: .text, .notNull)
                .column("status", type: .text, .notNull, .default("pending"))
                .column("result", type: .text, .notNull, .default(""))
                .column("created_by", type: .bigint)
                .column("created_at", type: .bigint, .notNull)
                .column("processed_at", type: .bigint)
                .column("processed_by", type: .bigint)
                .run()
            try await db.create(index: "aftersale_entrustment_status_idx").on("aftersale_entrustment").column("status").column("owner_id").column("id").run()
            try await db.create(index: "aftersale_entrustment_member_idx").on("aftersale_entrustment").column("member_id").run()

            // Effective contracts as `contract.effective` announces them: kind and the minimum number of meetings.
            try await db.create(table: "aftersale_contract")
                .column("contract_id", type: .bigint, .primaryKey(autoIncrement: false))
                .column("member_id", type: .bigint, .notNull, .references("members_member", "id", onDelete: .cascade))
                .column("kind", type: .text, .notNull)
                .column("number", type: .text, .notNull, .default(""))
                .column("starts_on", type: .text, .notNull, .default(""))
                .column("ends_on", type: .text, .notNull, .default(""))
                .column("min_meetings", type: .int, .notNull, .default(0))
                .column("effective_at", type: .bigint, .notNull)
                .run()
            try await db.create(index: "aftersale_contract_member_idx").on("aftersale_contract").column("member_id").column("effective_at").run()
            try await db.create(index: "aftersale_contract_kind_idx").on("aftersale_contract").column("kind").column("member_id").run()

            // 配对结果: a candidate marked as matched or recommended for a member, with both degrees at that moment.
            try await db.create(table: "aftersale_match")
                .column("id", type: .bigint, .primaryKey(autoIncrement: true))
                .column("member_id", type: .bigint, .notNull, .references("members_member", "id", onDelete: .cascade))
                .column("candidate_id", type: .bigint, .notNull, .references("members_member", "id", onDelete: .cascade))
                .column("owner_id", type: .bigint, .notNull)
                .column("status", type: .text, .notNull)
                .column("mine_pct", type: .int, .notNull)
                .column("theirs_pct", type: .int, .notNull)
                .column("notified", type: .text, .notNull, .default(""))
                .column("created_at", type: .bigint, .notNull)
                .column("updated_at", type: .bigint, .notNull)
                .run()
            try await db.create(index: "aftersale_match_pair_uq").unique().on("aftersale_match").column("member_id").column("candidate_id").run()
            try await db.create(index: "aftersale_match_owner_idx").on("aftersale_match").column("owner_id").column("id").run()

            // 约见: member A (the client) meets member B; owner_id is the responsible matchmaker.
            try await db.create(table: "aftersale_appointment")
                .column("id", type: .bigint, .primaryKey(autoIncrement: true))
                .column("member_a", type: .bigint, .notNull, .references("members_member", "id", onDelete: .cascade))
                .column("member_b", type: .bigint, .notNull, .references("members_member", "id", onDelete: .cascade))
                .column("owner_id", type: .bigint, .notNull)
                .column("kind", type: .text, .notNull)
                .column("meet_at", type: .bigint, .notNull)
                .column("place", type: .text, .notNull)
                .column("remark", type: .text, .notNull, .default(""))
                .column("opinion_a", type: .text, .notNull, .default("pending"))
                .column("opinion_b", type: .text, .notNull, .default("pending"))
                .column("notify", type: .text, .notNull, .default(""))
                .column("status", type: .text, .notNull, .default("pending"))
                .column("reason", type: .text, .notNull, .default(""))
                .column("result_a", type: .text, .notNull, .default(""))
                .column("result_b", type: .text, .notNull, .default(""))
                .column("rating_a", type: .int)
                .column("rating_b", type: .int)
                .column("comment_a", type: .text, .notNull, .default(""))
                .column("comment_b", type: .text, .notNull, .default(""))
                .column("created_by", type: .bigint)
                .column("created_at", type: .bigint, .notNull)
                .column("updated_at", type: .bigint, .notNull)
                .run()
            try await db.create(index: "aftersale_appointment_status_idx").on("aftersale_appointment").column("status").column("meet_at").run()
            try await db.create(index: "aftersale_appointment_owner_idx").on("aftersale_appointment").column("owner_id").column("meet_at").run()
            try await db.create(index: "aftersale_appointment_a_idx").on("aftersale_appointment").column("member_a").run()
            try await db.create(index: "aftersale_appointment_b_idx").on("aftersale_appointment").column("member_b").run()

            // Every transition of an appointment: who moved it from which state to which, when, and why.
            try await db.create(table: "aftersale_appointment_step")
                .column("id", type: .bigint, .primaryKey(autoIncrement: true))
                .column("appointment_id", type: .bigint, .notNull, .references("aftersale_appointment", "id", onDelete: .cascade))
                .column("from_status", type: .text, .notNull)
                .column("to_status", type: .text, .notNull)
                .column("by_user", type: .bigint)
                .column("at", type: .bigint, .notNull)
                .column("reason", type: .text, .notNull, .default(""))
                .run()
            try await db.create(index: "aftersale_appointment_step_idx").on("aftersale_appointment_step").column("appointment_id").column("id").run()

            try await DictionaryService.ensureList("appointment_type", name: LocalizedText(zh: "约见类型", en: "Appointment type"), options: [
                ("recommended", "红娘推荐", "Matchmaker recommendation"), ("requested", "会员要求", "Member request"),
                ("event", "活动相识", "Met at an event"), ("other", "其他", "Other"),
            ], db: db)
        },
        Migration(version: 2, name: "contract end index for the expired-not-renewed list") { db in
            // Per member: has a contract that ended, has none that runs on (both probes of (member_id, ends_on)).
            try await db.create(index: "aftersale_contract_member_ends_idx").on("aftersale_contract").column("member_id").column("ends_on").run()
        },
    ]
}
