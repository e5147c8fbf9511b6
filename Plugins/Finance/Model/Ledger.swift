import Contracts
import Foundation
import PluginAPI
import SQLKit

/// Payments and their review: numbers, the approval that may complete a contract's finance step, and the daily receipts.
enum Ledger {
    static let defaultFormat = "F{date}{seq}"

    /// Adds a pending payment to `contract` in `tx`; returns its id.
    @discardableResult
    static func add(_ tx: Transaction, contract: ContractRecord, amount: Int64, kind: String, paidOn: String, enteredBy: Int64?, remark: String,
                    first: Bool, format: String = defaultFormat) async throws -> Int64 {
        let number = try await SequenceNumber.next(pattern: format, date: paidOn, counterTable: "finance_counter", key: "payment", tx: tx)
        let id = try await tx.db.insert(into: "finance_payment")
            .columns("number", "contract_id", "contract_number", "member_id", "owner_id", "contract_kind", "amount", "kind", "paid_on", "entered_by", "remark",
                     "status", "first_of_contract", "created_at")
            .values(SQLBind(number), SQLBind(contract.id), SQLBind(contract.number), SQLBind(contract.member_id), SQLBind(contract.author_id), SQLBind(contract.kind),
                    SQLBind(amount), SQLBind(kind), SQLBind(paidOn), SQLBind(enteredBy), SQLBind(remark), SQLBind("pending"),
                    SQLBind(first ? contract.id : nil), SQLBind(Int64(Date().timeIntervalSince1970)))
            .returning("id").first(decodingColumn: "id", as: Int64.self) ?? 0
        try await tx.audit(AuditEntry(module: "finance", action: "payment.create", target: "payment:\(id)",
                                      after: "\(number) contract:\(contract.id) \(amount) \(kind)"))
        return id
    }

    /// `contract.approved`: the payment entered with the contract waits for finance (once; a re-approved contract updates it while pending).
    static func firstPayment(_ event: Event, _ tx: Transaction) async throws {
        guard let id = event.payload["contract_id"].flatMap(Int64.init), let contract = try await ContractRecord.find(id, db: tx.db),
              contract.first_payment_amount > 0 else { return }
        let existing = try await tx.db.select().columns("id", "status").from("finance_payment").where("first_of_contract", .equal, contract.id).first()
        if let existing {
            guard try existing.decode(column: "status", as: String.self) == "pending" else { return }
            try await tx.db.update("finance_payment").set("amount", to: contract.first_payment_amount).set("kind", to: contract.first_payment_kind)
                .set("paid_on", to: contract.first_payment_on).where("id", .equal, try existing.decode(column: "id", as: Int64.self)).run()
            return
        }
        try await add(tx, contract: contract, amount: contract.first_payment_amount, kind: contract.first_payment_kind,
                      paidOn: contract.first_payment_on, enteredBy: contract.author_id, remark: "", first: true)
    }

    /// Sum of a contract's payments that are not rejected (pending and approved), in fen: what "≤ the total" is judged on.
    static func enteredTotal(contract: Int64, db: any SQLDatabase) async throws -> Int64 {
        try await db.select().column(SQLRaw("CAST(COALESCE(SUM(amount), 0) AS BIGINT)"), as: "total").from("finance_payment")
            .where("contract_id", .equal, contract).where("status", .notEqual, "rejected")
            .first(decodingColumn: "total", as: Int64.self) ?? 0
    }

    /// Holds the contract's row until `tx` ends, so entries of one contract are judged one after the other
    /// (`SELECT … FOR UPDATE` on PostgreSQL; SQLite's write transactions are serial already).
    static func lock(contract: Int64, _ tx: Transaction) async throws {
        _ = try await tx.db.select().column("id").from("contracts_contract").where("id", .equal, contract).for(.update).all()
    }

    /// Sum of a contract's approved payments, in fen.
    static func approvedTotal(contract: Int64, db: any SQLDatabase) async throws -> Int64 {
        try await db.select().column(SQLRaw("CAST(COALESCE(SUM(amount), 0) AS BIGINT)"), as: "total").from("finance_payment")
            .where("contract_id", .equal, contract).where("status", .equal, "approved")
            .first(decodingColumn: "total", as: Int64.self) ?? 0
    }

    /// Approves or rejects a pending payment in `tx`. An approval adds to the daily receipts and, when the contract waits for
    /// finance and its approved payments reach the total, completes the contract's finance step (it becomes effective).
    /// Returns whether the contract was completed; throws `Refusal` when the payment is no longer pending.
    static func review(_ tx: Transaction, payment: PaymentRecord, approve: Bool, reviewer: Int64, remark: String) async throws -> Bool {
        let now = Int64(Date().timeIntervalSince1970)
        let status = approve ? "approved" : "rejected"
        let updated = try await tx.db.update("finance_payment").set("status", to: status).set("reviewed_by", to: reviewer)
            .set("reviewed_at", to: now).set("review_remark", to: remark)
            .where("id", .equal, payment.id).where("status", .equal, "pending").returning("id").all()
        guard !updated.isEmpty else { throw Refusal(key: "review.notPending") }
        try await tx.audit(AuditEntry(module: "finance", action: "payment.\(approve ? "approve" : "reject")", target: "payment:\(payment.id)",
                                      before: "pending", after: "\(status) \(payment.amount)" + (remark.isEmpty ? "" : " \(remark)")))
        guard approve else { return false }
        for (table, period, key) in [("finance_daily", payment.paid_on, "day"), ("finance_monthly", String(payment.paid_on.prefix(7)), "month")] {
            try await tx.db.insert(into: table).columns(key, "owner_id", "kind", "contract_kind", "total", "payments")
                .values(SQLBind(period), SQLBind(payment.owner_id), SQLBind(payment.kind), SQLBind(payment.contract_kind),
                        SQLBind(payment.amount), SQLBind(Int64(1)))
                .onConflict(with: [key, "owner_id", "kind", "contract_kind"]) {
                    $0.set("total", to: SQLRaw("\(table).total + \(payment.amount)")).set("payments", to: SQLRaw("\(table).payments + 1"))
                }
                .run()
        }
        guard let contract = try await ContractRecord.find(payment.contract_id, db: tx.db), contract.state == .paymentPending else { return false }
        guard try await approvedTotal(contract: contract.id, db: tx.db) >= contract.total_amount else { return false }
        try await ContractWorkflow.perform(.financeApprove, contractID: contract.id, actorID: reviewer, remark: "", in: tx)
        return true
    }

    struct Refusal: Error, Sendable, Equatable {
        let key: String
    }
}
