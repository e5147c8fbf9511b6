import PluginAPI
import SQLKit

/// Tables of the Contracts module.
enum ContractsSchema {
    static let migrations: [Migration] = [
        Migration(version: 1, name: "contracts, their flow history, number counters") { db in
            try await db.create(table: "contracts_contract")
                .column("id", type: .bigint, .primaryKey(autoIncrement: true))
                .column("number", type: .text, .notNull, .unique)
                .column("member_id", type: .bigint, .notNull, .references("members_member", "id"))
                .column("author_id", type: .bigint, .notNull)
                .column("kind", type: .text, .notNull)
                .column("status", type: .text, .notNull, .default("draft"))
                .column("total_amount", type: .bigint, .notNull)
                .column("service_days", type: .int, .notNull)
                .column("signed_on", type: .text, .notNull)
                .column("starts_on", type: .text, .notNull)
                .column("ends_on", type: .text, .notNull)
                .column("min_meetings", type: .int, .notNull, .default(0))
                .column("service_content", type: .text, .notNull, .default(""))
                .column("remark", type: .text, .notNull, .default(""))
                .column("first_payment_amount", type: .bigint, .notNull, .default(0))
                .column("first_payment_on", type: .text, .notNull, .default(""))
                .column("first_payment_kind", type: .text, .notNull, .default(""))
                .column("created_at", type: .bigint, .notNull)
                .column("updated_at", type: .bigint, .notNull)
                .column("effective_at", type: .bigint)
                .run()
            try await db.create(index: "contracts_contract_author_idx").on("contracts_contract").column("author_id").column("id").run()
            try await db.create(index: "contracts_contract_status_idx").on("contracts_contract").column("status").column("author_id").run()
            try await db.create(index: "contracts_contract_member_idx").on("contracts_contract").column("member_id").column("ends_on").run()
            try await db.create(index: "contracts_contract_ends_idx").on("contracts_contract").column("status").column("ends_on").run()

            try await db.create(table: "contracts_transition")
                .column("id", type: .bigint, .primaryKey(autoIncrement: true))
                .column("contract_id", type: .bigint, .notNull, .references("contracts_contract", "id", onDelete: .cascade))
                .column("action", type: .text, .notNull)
                .column("from_status", type: .text, .notNull)
                .column("to_status", type: .text, .notNull)
                .column("actor_id", type: .bigint)
                .column("at", type: .bigint, .notNull)
                .column("remark", type: .text, .notNull, .default(""))
                .run()
            try await db.create(index: "contracts_transition_contract_idx").on("contracts_transition").column("contract_id").column("id").run()

            try await db.create(table: "contracts_counter")
                .column("key", type: .text, .primaryKey(autoIncrement: false))
                .column("value", type: .bigint, .notNull)
                .run()
        },
    ]
}
