import Members
import PluginAPI
import Settings
import SQLKit

/// Tables of the PreSale module.
enum PreSaleSchema {
    static let migrations: [Migration] = [
        Migration(version: 1, name: "follow-up notes, contract facts, registration attempts") { db in
            // The shared note table layout (Members' FollowUpNotes; the DDL it runs is the one this migration shipped with).
            try await FollowUpNotes.createTable(db, name: "presale_note", stage: "presale")

            // Effective contracts as announced by `contract.effective` (the Contracts module owns the contracts themselves).
            try await db.create(table: "presale_contract")
                .column("contract_id", type: .bigint, .primaryKey(autoIncrement: false))
                .column("member_id", type: .bigint, .notNull, .references("members_member", "id", onDelete: .cascade))
                .column("kind", type: .text, .notNull)
                .column("number", type: .text, .notNull, .default(""))
                .column("starts_on", type: .text, .notNull, .default(""))
                .column("ends_on", type: .text, .notNull, .default(""))
                .column("effective_at", type: .bigint, .notNull)
                .column("author_id", type: .bigint)
                .column("amount", type: .bigint, .notNull, .default(0))
                .run()
            try await db.create(index: "presale_contract_member_idx").on("presale_contract").column("member_id").column("ends_on").run()
            try await db.create(index: "presale_contract_ends_idx").on("presale_contract").column("ends_on").run()
            try await db.create(index: "presale_contract_author_idx").on("presale_contract").column("author_id").column("effective_at").run()
            try await db.create(index: "presale_contract_effective_idx").on("presale_contract").column("effective_at").run()

            try await db.create(table: "presale_register_attempt")
                .column("id", type: .bigint, .primaryKey(autoIncrement: true))
                .column("address", type: .text, .notNull)
                .column("at", type: .bigint, .notNull)
                .run()
            try await db.create(index: "presale_register_attempt_idx").on("presale_register_attempt").column("address").column("at").run()

            try await DictionaryService.ensureList("unsigned_reason", name: LocalizedText(zh: "未签约原因", en: "Reason not signed"), options: [
                ("price", "价格", "Price"), ("distance", "距离", "Distance"), ("no_match", "没有合适的对象", "No suitable match"),
                ("considering", "考虑中", "Considering"), ("other", "其他", "Other"),
            ], db: db)
        },
        Migration(version: 2, name: "registration attempts counted per address") { db in
            try await SubmissionLimit.replaceTable("presale_register_attempt", on: db)
        },
    ]
}
