import Contracts
import Foundation
import PluginAPI
import SQLKit

/// Demo payments for the demo contracts: effective contracts paid in full or by deposit and balance (approved, across the
/// two years of contracts), contracts waiting for finance with their first payment pending. Daily receipts follow.
struct FinanceDemoData: Sendable {
    let context: DemoContext

    struct Key: Hashable { let day: String, owner: Int64, kind: String, contractKind: String }
    struct Plan: Sendable { let contract: ContractRecord, amount: Int64, kind: String, paidOn: String, approved: Bool, first: Bool }

    func run() async throws {
        let reviewer = context.staffIDs.first
        var rng = DemoRandom(state: 61)
        var daily: [Key: (Int64, Int64)] = [:]
        var after: Int64 = 0, done = 0
        while true {
            let contracts = try await ContractDirectory.batch(after: after, limit: 500, db: context.db)
            guard let last = contracts.last else { break }
            after = last.id
            var plans: [Plan] = []
            for c in contracts where c.first_payment_amount > 0 {
                switch c.state {
                case .effective:
                    plans.append(Plan(contract: c, amount: c.first_payment_amount, kind: c.first_payment_kind, paidOn: c.first_payment_on,
                                      approved: true, first: true))
                    if c.first_payment_amount < c.total_amount {
                        plans.append(Plan(contract: c, amount: c.total_amount - c.first_payment_amount, kind: "balance",
                                          paidOn: ContractDemoDates.plus(c.first_payment_on, days: 3 + rng.below(25)), approved: true, first: false))
                    }
                case .paymentPending:
                    plans.append(Plan(contract: c, amount: c.first_payment_amount, kind: c.first_payment_kind, paidOn: c.first_payment_on,
                                      approved: false, first: true))
                default: break
                }
            }
            for plan in plans where plan.approved {
                let key = Key(day: plan.paidOn, owner: plan.contract.author_id, kind: plan.kind, contractKind: plan.contract.kind)
                let sum = daily[key] ?? (0, 0)
                daily[key] = (sum.0 + plan.amount, sum.1 + 1)
            }
            let batch = plans
            try await context.transaction { tx in
                var rows: [[any SQLExpression]] = []
                for plan in batch {
                    let c = plan.contract
                    let number = try await SequenceNumber.next(pattern: Ledger.defaultFormat, date: plan.paidOn, counterTable: "finance_counter",
                                                               key: "payment", tx: tx)
                    let reviewedAt = (AgencyTime.dayStart(plan.paidOn, timeZone: "Asia/Shanghai") ?? 0) + 36_000
                    rows.append([SQLBind(number), SQLBind(c.id), SQLBind(c.number), SQLBind(c.member_id), SQLBind(c.author_id), SQLBind(c.kind),
                                 SQLBind(plan.amount), SQLBind(plan.kind), SQLBind(plan.paidOn), SQLBind(c.author_id), SQLBind(""),
                                 SQLBind(plan.approved ? "approved" : "pending"), SQLBind(plan.approved ? reviewer : nil),
                                 SQLBind(plan.approved ? reviewedAt : nil), SQLBind(plan.approved ? "已到账" : ""), SQLBind(plan.first ? c.id : nil),
                                 SQLBind(reviewedAt)])
                }
                for chunk in stride(from: 0, to: rows.count, by: 300).map({ Array(rows[$0..<min($0 + 300, rows.count)]) }) {
                    let insert = tx.db.insert(into: "finance_payment")
                        .columns("number", "contract_id", "contract_number", "member_id", "owner_id", "contract_kind", "amount", "kind", "paid_on",
                                 "entered_by", "remark", "status", "reviewed_by", "reviewed_at", "review_remark", "first_of_contract", "created_at")
                    for row in chunk { insert.values(row) }
                    try await insert.run()
                }
            }
            done += contracts.count
            if done % 20_000 < 500 { context.progress("payments for contracts", done, done) }
        }
        var monthly: [Key: (Int64, Int64)] = [:]
        for (key, sum) in daily {
            let month = Key(day: String(key.day.prefix(7)), owner: key.owner, kind: key.kind, contractKind: key.contractKind)
            let m = monthly[month] ?? (0, 0)
            monthly[month] = (m.0 + sum.0, m.1 + sum.1)
        }
        for (table, column, sums) in [("finance_daily", "day", daily), ("finance_monthly", "month", monthly)] {
            let entries = Array(sums)
            for chunk in stride(from: 0, to: entries.count, by: 300).map({ Array(entries[$0..<min($0 + 300, entries.count)]) }) {
                try await context.transaction { tx in
                    let insert = tx.db.insert(into: table).columns(column, "owner_id", "kind", "contract_kind", "total", "payments")
                    for (key, sum) in chunk {
                        insert.values([SQLBind(key.day), SQLBind(key.owner), SQLBind(key.kind), SQLBind(key.contractKind), SQLBind(sum.0), SQLBind(sum.1)])
                    }
                    try await insert.onConflict(with: [column, "owner_id", "kind", "contract_kind"]) {
                        $0.set("total", to: SQLRaw("\(table).total + excluded.total")).set("payments", to: SQLRaw("\(table).payments + excluded.payments"))
                    }.run()
                }
            }
            context.progress(table == "finance_daily" ? "daily receipts" : "monthly receipts", entries.count, entries.count)
        }
    }
}

/// Date arithmetic on `yyyy-MM-dd` for demo data.
enum ContractDemoDates {
    static func plus(_ day: String, days: Int) -> String {
        guard let start = AgencyTime.dayStart(day, timeZone: "UTC") else { return day }
        return AgencyTime.format(start + Int64(days) * 86_400 + 3_600, timeZone: "UTC", pattern: "yyyy-MM-dd")
    }
}
