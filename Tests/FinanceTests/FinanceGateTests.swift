import Foundation
import HostTesting
import HummingbirdTesting
import SQLKit
import Testing

/// The finance step goes through Finance's gate only (ASVS V4.1.3, V11.1.1): security password, payments ≥ total.
@Suite("finance gate: no way around the security password")
struct FinanceGateTests {
    @Test("while Finance is on, an administrator's POST of Contracts' finance steps is refused and the contract stays pending")
    func contractsFinanceStepRefused() async throws {
        let team = try await FinanceTeam.make()
        try await team.t.admin()
        try await team.t.test { client in
            let contract = try await team.approvedContract(client, login: "hna", number: "HT-G1", total: "5000", first: "1000", kind: "deposit")
            #expect(try await team.contractStatus(contract) == "payment_pending")
            var admin = try await Browser.login(client, "admin")
            #expect(!(try await admin.get("/m/contracts/\(contract)").text.contains("/flow/finance_approve")))
            for step in ["finance_approve", "reject", "return"] {
                let answer = try await admin.post("/m/contracts/\(contract)/flow/\(step)", form: ["remark": "bypass"])
                #expect(answer.status.code == 409, "\(step)")
                #expect(answer.text.contains("财务模块"))
            }
            #expect(try await team.contractStatus(contract) == "payment_pending")
            let history = try await team.t.db.select().column("action").from("contracts_transition")
                .where("contract_id", .equal, contract).all(decodingColumn: "action", as: String.self)
            #expect(!history.contains("finance_approve"))
        }
    }

    @Test("20 parallel wrong security passwords: at most 5 are checked, then even the right one is refused")
    func securityPasswordBurst() async throws {
        let team = try await FinanceTeam.make()
        try await team.t.test { client in
            let contract = try await team.approvedContract(client, login: "hna", number: "HT-G2", total: "5000", first: "5000", kind: "full")
            let payment = try #require(try await team.payments(of: contract).first)
            let cashier = try await Browser.login(client, "cashier")
            let texts = try await withThrowingTaskGroup(of: String.self) { group in
                for _ in 0..<20 {
                    group.addTask {
                        var b = cashier
                        return try await b.post("/m/finance/payments/\(payment.id)/review", form: ["decision": "approve", "security_password": "guess-it"]).text
                    }
                }
                return try await group.reduce(into: [String]()) { $0.append($1) }
            }
            #expect(texts.filter { $0.contains("还可尝试") }.count <= 4)
            var b = cashier
            let right = try await b.post("/m/finance/payments/\(payment.id)/review", form: ["decision": "approve", "security_password": "safe8888"])
            #expect(right.status == .forbidden && right.text.contains("已锁定"))
            #expect(try await team.payments(of: contract).first?.status == "pending")
            #expect(try await team.t.auditRows(action: "finance.locked").count == 1)
        }
    }
}

@Suite("payments: the contract's total holds under parallel entries")
struct PaymentTotalRaceTests {
    @Test("ten parallel payments that each fit but together exceed the total: the entered sum never passes the total")
    func parallelEntriesStayWithinTotal() async throws {
        let team = try await FinanceTeam.make()
        try await team.t.test { client in
            let contract = try await team.approvedContract(client, login: "hna", number: "HT-R1", total: "5000", first: "1000", kind: "deposit")
            let hna = try await Browser.login(client, "hna")
            let statuses = try await withThrowingTaskGroup(of: Int.self) { group in
                for day in 0..<10 {
                    group.addTask {
                        var b = hna
                        return Int(try await b.post("/m/finance/contracts/\(contract)/payments",
                                                    form: ["amount": "1500", "kind": "balance", "paid_on": "2026-10-1\(day)"]).status.code)
                    }
                }
                return try await group.reduce(into: [Int]()) { $0.append($1) }
            }
            let entered = try await team.payments(of: contract).filter { $0.status != "rejected" }.reduce(Int64(0)) { $0 + $1.amount }
            #expect(entered <= 500_000, "entered \(entered) fen of a 500,000 fen contract")
            #expect(statuses.filter { $0 == 303 }.count == 2, "1,000 entered, room for two of 1,500: \(statuses.sorted())")
            #expect(statuses.filter { $0 == 422 }.count == 8)
        }
    }
}
