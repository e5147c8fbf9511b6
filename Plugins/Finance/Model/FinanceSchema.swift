import PluginAPI
import SQLKit

/// Tables of the Finance module.
enum FinanceSchema {
    static let migrations: [Migration] = [
        Migration(version: 1, name: "payments, daily receipts, number counters, security-password lock") { db in
            try await db.create(table: "finance_payment")
                .column("id", type: .bigint, .primaryKey(autoIncrement: true))
                .column("number", type: .text, .notNull, .unique)
                .column("contract_id", type: .bigint, .notNull, .references("contracts_contract", "id", onDelete: .cascade))
                .column("contract_number", type: .text, .notNull)
                .column("member_id", type: .bigint, .notNull)
                // The kernel owner: the contract's author (the matchmaker whose contract it is).
                .column("owner_id", type: .bigint, .notNull)
                .column("contract_kind", type: .text, .notNull)
                .column("amount", type: .bigint, .notNull)
                .column("kind", type: .text, .notNull)
                .column("paid_on", type: .text, .notNull)
                .column("entered_by", type: .bigint)
                .column("remark", type: .text, .notNull, .default(""))
                .column("status", type: .text, .notNull, .default("pending"))
                .column("reviewed_by", type: .bigint)
                .column("reviewed_at", type: .bigint)
                .column("review_remark", type: .text, .notNull, .default(""))
                // Set to the contract id for the payment entered with the contract, so it is created once.
                .column("first_of_contract", type: .bigint, .unique)
                .column("created_at", type: .bigint, .notNull)
                .run()
            try await db.create(index: "finance_payment_contract_idx").on("finance_payment").column("contract_id").column("status").run()
            try await db.create(index: "finance_payment_status_idx").on("finance_payment").column("status").column("owner_id").column("id").run()
            try await db.create(index: "finance_payment_paid_idx").on("finance_payment").column("paid_on").run()

            // Approved receipts per day, matchmaker, payment kind and contract type, kept with each approval (the statistics read this).
            try await db.create(table: "finance_daily")
                .column("day", type: .text, .notNull)
                .column("owner_id", type: .bigint, .notNull)
                .column("kind", type: .text, .notNull)
                .column("contract_kind", type: .text, .notNull)
                .column("total", type: .bigint, .notNull)
                .column("payments", type: .bigint, .notNull)
                .primaryKey("day", "owner_id", "kind", "contract_kind")
                .run()
            try await db.create(index: "finance_daily_owner_idx").on("finance_daily").column("owner_id").column("day").run()
            // The same per month: statistics over long ranges read whole months here and only the edge months from the days.
            try await db.create(table: "finance_monthly")
                .column("month", type: .text, .notNull)
                .column("owner_id", type: .bigint, .notNull)
                .column("kind", type: .text, .notNull)
                .column("contract_kind", type: .text, .notNull)
                .column("total", type: .bigint, .notNull)
                .column("payments", type: .bigint, .notNull)
                .primaryKey("month", "owner_id", "kind", "contract_kind")
                .run()

            try await db.create(table: "finance_counter")
                .column("key", type: .text, .primaryKey(autoIncrement: false))
                .column("value", type: .bigint, .notNull)
                .run()
            try await db.create(table: "finance_lock")
                .column("user_id", type: .bigint, .primaryKey(autoIncrement: false))
                .column("failures", type: .int, .notNull, .default(0))
                .column("locked_until", type: .bigint)
                .run()
        },
        Migration(version: 2, name: "security-password lock moved to the host's throttle") { db in
            try await db.drop(table: "finance_lock").ifExists().run()
        },
    ]
}
