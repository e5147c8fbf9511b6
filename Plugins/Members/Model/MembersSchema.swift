import PluginAPI
import SQLKit

/// Tables of the Members module.
enum MembersSchema {
    /// Profile columns stored as text codes from the data dictionary (or free text), in form order.
    static let textColumns = [
        "real_name", "id_card", "mobile", "email", "qq", "wechat", "birthday",
        "province", "city", "district", "hukou_province", "hukou_city", "hukou_district",
        "marital_status", "education", "income_band", "monthly_spending", "occupation", "dating_purpose", "car", "housing",
        "children", "blood_type", "ethnicity", "personality", "appearance", "hobbies",
        "religion", "smoking", "drinking", "company_type", "work_status", "sleep_habit", "health", "foreign_languages",
        "criminal_record", "family_ranking", "parents_status", "parents_economy", "parents_work", "introduction",
        "pc_regions", "pc_marital", "pc_education_min", "pc_income_min", "pc_housing", "pc_car", "pc_children",
        "pc_zodiac", "pc_constellation", "pc_occupation",
    ]
    /// Integer profile columns.
    static let intColumns = ["height", "weight", "pc_age_min", "pc_age_max", "pc_height_min", "pc_height_max", "pc_weight_min", "pc_weight_max"]

    static let migrations: [Migration] = [
        Migration(version: 1, name: "members, allocations, activity") { db in
            let create = db.create(table: "members_member")
                .column("id", type: .bigint, .primaryKey(autoIncrement: true))
                .column("username", type: .text, .notNull, .unique)
                .column("password_hash", type: .text)
                .column("gender", type: .text, .notNull)
            for column in textColumns {
                if column == "id_card" || column == "mobile" { create.column(column, type: .text) } else {
                    create.column(column, type: .text, .notNull, .default(""))
                }
            }
            for column in intColumns { create.column(column, type: .int) }
            try await create
                .column("avatar", type: .text, .notNull, .default(""))
                .column("avatar_status", type: .text, .notNull, .default("none"))
                .column("source", type: .text, .notNull, .default("staff"))
                .column("owner_id", type: .bigint)
                .column("aftersale_owner_id", type: .bigint)
                .column("signed", type: .int, .notNull, .default(0))
                .column("customer_status", type: .text, .notNull, .default("searching"))
                .column("blacklisted", type: .int, .notNull, .default(0))
                .column("registered_at", type: .bigint, .notNull)
                .column("allocated_at", type: .bigint)
                .column("aftersale_allocated_at", type: .bigint)
                .column("last_contact_at", type: .bigint)
                .column("next_contact_at", type: .bigint)
                .column("created_by", type: .bigint)
                .run()
            try await db.create(index: "members_member_mobile_uq").unique().on("members_member").column("mobile").run()
            try await db.create(index: "members_member_id_card_uq").unique().on("members_member").column("id_card").run()
            // The common search: gender + province + age (birthday range) under a visibility predicate, newest first.
            try await db.create(index: "members_member_search_idx").on("members_member")
                .column("gender").column("province").column("birthday").column("owner_id").column("aftersale_owner_id").run()
            try await db.create(index: "members_member_owner_idx").on("members_member").column("owner_id").column("id").run()
            try await db.create(index: "members_member_aftersale_idx").on("members_member").column("aftersale_owner_id").column("id").run()
            try await db.create(index: "members_member_registered_idx").on("members_member").column("registered_at").run()
            try await db.create(index: "members_member_signed_idx").on("members_member").column("signed").column("aftersale_owner_id").run()

            try await db.create(table: "members_allocation")
                .column("id", type: .bigint, .primaryKey(autoIncrement: true))
                .column("member_id", type: .bigint, .notNull, .references("members_member", "id", onDelete: .cascade))
                .column("kind", type: .text, .notNull)
                .column("from_owner", type: .bigint)
                .column("to_owner", type: .bigint, .notNull)
                .column("by_user", type: .bigint, .notNull)
                .column("at", type: .bigint, .notNull)
                .column("remark", type: .text, .notNull, .default(""))
                .run()
            try await db.create(index: "members_allocation_member_idx").on("members_allocation").column("member_id").column("at").run()
            try await db.create(index: "members_allocation_to_idx").on("members_allocation").column("to_owner").column("at").run()

            try await db.create(table: "members_activity")
                .column("id", type: .bigint, .primaryKey(autoIncrement: true))
                .column("member_id", type: .bigint, .notNull, .references("members_member", "id", onDelete: .cascade))
                .column("kind", type: .text, .notNull)
                .column("amount", type: .bigint, .notNull, .default(0))
                .column("detail", type: .text, .notNull, .default(""))
                .column("at", type: .bigint, .notNull)
                .run()
            try await db.create(index: "members_activity_member_idx").on("members_activity").column("member_id").column("at").run()
        },
        Migration(version: 2, name: "workbench indexes, viewed member of an activity") { db in
            // The pre-sale workbench: follow-ups due and never followed up, per matchmaker.
            try await db.create(index: "members_member_next_idx").on("members_member").column("owner_id").column("next_contact_at").run()
            try await db.create(index: "members_member_last_idx").on("members_member").column("owner_id").column("last_contact_at").run()
            // Birthday reminders: per matchmaker, the month-day of the birthday (see MemberFilter.monthDay) — one range per owner.
            try await db.raw("CREATE INDEX members_member_birthday_md_idx ON members_member (owner_id, (substr(birthday, 6, 5)))").run()
            try await db.alter(table: "members_activity").column("target_id", type: .bigint).run()
        },
        Migration(version: 3, name: "origin of a member entered from another module's record") { db in
            // `<source>:<id>`, e.g. `consultation:12` for a member converted from a consultation; "" for ordinary entries.
            try await db.alter(table: "members_member").column("origin_ref", type: .text, .notNull, .default("")).run()
        },
        Migration(version: 4, name: "partner-matching index") { db in
            // Partner matching (AfterSale) scores every candidate of a range on the profile and partner-criteria columns. On
            // SQLite a scan of the wide member rows costs ~1 s at 1,000,000 members; this covering index — led like
            // members_member_search_idx, so it also serves gender + province + age ranges — holds just the columns matching
            // reads (≈ 150 bytes a member), which makes the same scan 5–7 times faster. PostgreSQL (at most 32 index columns,
            // parallel heap scans) goes without it.
            guard !db.isPostgres else { return }
            let index = db.create(index: "members_member_match_idx").on("members_member")
            for column in matchIndexColumns { index.column(column) }
            try await index.run()
        },
        Migration(version: 5, name: "owner-first search indexes") { db in
            // A team lead's search reads one branch per owner column (ListQuery.alternatives): the owners' ranges of each
            // index hold exactly the visible members of that gender, province and birthday range, where the gender-first
            // search index holds every owner's (on 1,000,000 members: 3,206 entries read instead of about 15,000).
            for owner in ["owner_id", "aftersale_owner_id"] {
                try await db.create(index: "members_member_\(owner)_search_idx").on("members_member")
                    .column(owner).column("gender").column("province").column("birthday").run()
            }
        },
        Migration(version: 6, name: "real-name index for the quick search") { db in
            try await db.create(index: "members_member_real_name_idx").on("members_member").column("real_name").run()
        },
        Migration(version: 7, name: "member documents") { db in
            // Files attached to a member (MemberDocument): the bytes in the row, so they go with the member (cascade).
            try await db.create(table: "members_document")
                .column("id", type: .bigint, .primaryKey(autoIncrement: true))
                .column("member_id", type: .bigint, .notNull, .references("members_member", "id", onDelete: .cascade))
                .column("category", type: .text, .notNull)
                .column("filename", type: .text, .notNull)
                .column("kind", type: .text, .notNull)
                .column("size", type: .bigint, .notNull)
                .column("content", type: .blob, .notNull)
                .column("uploaded_by", type: .bigint, .notNull)
                .column("uploaded_at", type: .bigint, .notNull)
                .run()
            try await db.create(index: "members_document_member_idx").on("members_document").column("member_id").column("id").run()
        },
        Migration(version: 8, name: "message opt-out, templates and mass sends") { db in
            try await db.alter(table: "members_member").column("opt_out", type: .int, .notNull, .default(0)).run()
            try await db.create(table: "members_message_template")
                .column("id", type: .bigint, .primaryKey(autoIncrement: true))
                .column("name", type: .text, .notNull)
                .column("channel", type: .text, .notNull)
                .column("subject", type: .text, .notNull, .default(""))
                .column("body", type: .text, .notNull)
                .column("updated_by", type: .bigint, .notNull)
                .column("updated_at", type: .bigint, .notNull)
                .run()
            // A mass send: its message, what it was sent to, and its progress; the recipients still to queue are the rows of
            // members_mass_recipient (removed batch by batch as they are queued in the outbox, see MassMessageJob).
            try await db.create(table: "members_mass_send")
                .column("id", type: .bigint, .primaryKey(autoIncrement: true))
                .column("channel", type: .text, .notNull)
                .column("subject", type: .text, .notNull, .default(""))
                .column("body", type: .text, .notNull)
                .column("selection", type: .text, .notNull)
                .column("total", type: .bigint, .notNull)
                .column("skipped", type: .bigint, .notNull)
                .column("queued", type: .bigint, .notNull, .default(0))
                .column("status", type: .text, .notNull)
                .column("lease_until", type: .bigint)
                .column("created_by", type: .bigint, .notNull)
                .column("created_at", type: .bigint, .notNull)
                .column("finished_at", type: .bigint)
                .run()
            try await db.create(table: "members_mass_recipient")
                .column("send_id", type: .bigint, .notNull, .references("members_mass_send", "id", onDelete: .cascade))
                .column("member_id", type: .bigint, .notNull, .references("members_member", "id", onDelete: .cascade))
                .primaryKey("send_id", "member_id")
                .run()
            try await db.create(index: "members_mass_recipient_member_idx").on("members_mass_recipient").column("member_id").run()
        },
        Migration(version: 9, name: "one mass send per confirmation") { db in
            // The confirm form's token: a second click on the same confirmation finds the send it made instead of a second one.
            try await db.alter(table: "members_mass_send").column("token", type: .text).run()
            try await db.create(index: "members_mass_send_token_uq").unique().on("members_mass_send").column("token").run()
        },
    ]

    /// The columns partner matching reads: profile, exclusions, pools, partner criteria (see Migration 4).
    static let matchIndexColumns = [
        "gender", "province", "birthday", "city", "district", "hukou_province", "hukou_city", "hukou_district", "height", "weight",
        "marital_status", "education", "income_band", "occupation", "children", "housing", "car", "customer_status", "avatar_status",
        "blacklisted", "signed", "owner_id", "aftersale_owner_id", "pc_age_min", "pc_age_max", "pc_height_min", "pc_height_max",
        "pc_weight_min", "pc_weight_max", "pc_regions", "pc_marital", "pc_education_min", "pc_income_min", "pc_housing", "pc_car",
        "pc_children", "pc_zodiac", "pc_constellation", "pc_occupation",
    ]
}
