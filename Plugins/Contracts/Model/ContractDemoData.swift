import Foundation
import PluginAPI
import SQLKit

/// Demo contracts: an effective first contract for every signed member (3,000–50,000 yuan, signed across the last two years),
/// renewals for some, and contracts still in the flow (draft, pending review, payment pending, rejected) for some unsigned
/// members — each with its flow history. Effective contracts are announced with `contract.effective` like real ones.
struct ContractDemoData: Sendable {
    let context: DemoContext

    struct M: Decodable { let id: Int64; let owner_id: Int64; let signed: Int }

    func run() async throws {
        let db = context.db
        let members = try await db.select().columns("id", "owner_id", "signed").from("members_member")
            .where(SQLColumn("owner_id"), .isNot, SQLLiteral.null).orderBy("id").all(decoding: M.self)
        let now = Int64(Date().timeIntervalSince1970)
        var rng = DemoRandom(state: 1208)
        var plan: [Planned] = []
        for member in members {
            if member.signed == 1 {
                let signedAt = now - Int64(rng.below(730)) * 86_400
                let days = [180, 365, 365, 730][rng.below(4)]
                plan.append(Planned(member: member, kind: "first", status: .effective, signedAt: signedAt, days: days, rng: &rng))
                let ends = signedAt + Int64(days) * 86_400
                if ends < now + 40 * 86_400, rng.below(3) == 0 {
                    plan.append(Planned(member: member, kind: "renewal", status: .effective, signedAt: ends - 20 * 86_400, days: 365, rng: &rng))
                }
            } else if rng.below(40) == 0 {
                let status: ContractStatus = [.draft, .submitted, .paymentPending, .rejected][rng.below(4)]
                plan.append(Planned(member: member, kind: "first", status: status, signedAt: now - Int64(rng.below(30)) * 86_400, days: 365, rng: &rng))
            }
        }
        var done = 0
        for chunk in stride(from: 0, to: plan.count, by: 400).map({ Array(plan[$0..<min($0 + 400, plan.count)]) }) {
            try await context.transaction { tx in try await self.insert(chunk, tx: tx) }
            done += chunk.count
            if done == plan.count || done % 20_000 < 400 { context.progress("contracts", done, plan.count) }
        }
    }

    /// One contract to create.
    struct Planned: Sendable {
        let memberID: Int64, author: Int64, kind: String, status: ContractStatus, signedOn: String, endsOn: String, days: Int
        let amount: Int64, firstPayment: Int64, paymentKind: String, meetings: Int, signedAt: Int64

        init(member: M, kind: String, status: ContractStatus, signedAt: Int64, days: Int, rng: inout DemoRandom) {
            memberID = member.id
            author = member.owner_id
            self.kind = kind
            self.status = status
            self.days = days
            self.signedAt = signedAt
            signedOn = AgencyTime.format(signedAt, timeZone: "Asia/Shanghai", pattern: "yyyy-MM-dd")
            endsOn = AgencyTime.format(signedAt + Int64(days) * 86_400, timeZone: "Asia/Shanghai", pattern: "yyyy-MM-dd")
            amount = Int64(30 + rng.below(471)) * 10_000   // 3,000–50,000 yuan in steps of 100
            let full = rng.below(5) < 3
            firstPayment = full ? amount : amount / 100 * Int64(30 + rng.below(21))
            paymentKind = full ? "full" : "deposit"
            meetings = 5 + rng.below(16)
        }
    }

    static let steps: [ContractStatus: [(String, String, String)]] = [
        .draft: [],
        .submitted: [("submit", "draft", "submitted")],
        .paymentPending: [("submit", "draft", "submitted"), ("approve", "submitted", "payment_pending")],
        .rejected: [("submit", "draft", "submitted"), ("reject", "submitted", "rejected")],
        .effective: [("submit", "draft", "submitted"), ("approve", "submitted", "payment_pending"),
                     ("finance_approve", "payment_pending", "finance_approved"), ("activate", "finance_approved", "effective")],
    ]

    func insert(_ chunk: [Planned], tx: Transaction) async throws {
        let format = ContractNumber.defaultFormat
        for planned in chunk {
            let number = try await ContractNumber.next(format: format, date: planned.signedOn, tx: tx)
            let id = try await tx.db.insert(into: "contracts_contract")
                .columns("number", "member_id", "author_id", "kind", "status", "total_amount", "service_days", "signed_on", "starts_on", "ends_on",
                         "min_meetings", "service_content", "remark", "first_payment_amount", "first_payment_on", "first_payment_kind",
                         "created_at", "updated_at", "effective_at")
                .values(SQLBind(number), SQLBind(planned.memberID), SQLBind(planned.author), SQLBind(planned.kind), SQLBind(planned.status.rawValue),
                        SQLBind(planned.amount), SQLBind(planned.days), SQLBind(planned.signedOn), SQLBind(planned.signedOn), SQLBind(planned.endsOn),
                        SQLBind(planned.meetings), SQLBind("一对一红娘服务，每月推荐不少于 2 位"), SQLBind(""), SQLBind(planned.firstPayment),
                        SQLBind(planned.signedOn), SQLBind(planned.paymentKind), SQLBind(planned.signedAt), SQLBind(planned.signedAt),
                        SQLBind(planned.status == .effective ? planned.signedAt + 86_400 : nil))
                .returning("id").first(decodingColumn: "id", as: Int64.self) ?? 0
            let steps = Self.steps[planned.status] ?? []
            if !steps.isEmpty {
                let insert = tx.db.insert(into: "contracts_transition").columns("contract_id", "action", "from_status", "to_status", "actor_id", "at", "remark")
                for (index, step) in steps.enumerated() {
                    insert.values(SQLBind(id), SQLBind(step.0), SQLBind(step.1), SQLBind(step.2), SQLBind(planned.author),
                                  SQLBind(planned.signedAt + Int64(index) * 3_600 * 6), SQLBind(step.0 == "reject" ? "金额与套餐不符" : ""))
                }
                try await insert.run()
            }
            if planned.status == .effective, let contract = try await ContractRecord.find(id, db: tx.db) {
                try await tx.publish(Event("contract.effective", ContractWorkflow.payload(contract, remark: "")))
            }
        }
    }
}
