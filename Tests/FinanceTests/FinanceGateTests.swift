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
