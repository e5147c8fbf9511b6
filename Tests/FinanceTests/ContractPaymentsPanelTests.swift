import Foundation
import HostTesting
import PluginAPI
import SQLKit
import Testing

/// Finance's panel on the contract page (a `RecordPanel` in the `contracts.contract` slot): the contract's payments and
/// payment state, to users who may see its payments, with links both ways.
@Suite("contract page shows its payments through Finance's panel")
struct ContractPaymentsPanelTests {
    @Test("the author sees the payments, state and the finance link; a viewer without payment rights sees the contract without them")
    func panelOnContractPage() async throws {
        let team = try await FinanceTeam.make()
        try await team.t.test { client in
            let id = try await team.approvedContract(client, login: "hna", number: "HT-P1", total: "8000", first: "3000", kind: "deposit")
            struct Payment: Decodable { let id: Int64; let number: String; let amount: Int64 }
            let payments = try await team.t.db.select().columns("id", "number", "amount").from("finance_payment")
                .where("contract_id", .equal, id).all(decoding: Payment.self)
            let first = try #require(payments.first)
            #expect(payments.count == 1 && first.amount == 300_000)
            var hna = try await Browser.login(client, "hna")
            let page = try await hna.get("/m/contracts/\(id)")
            #expect(page.status == .ok)
            let panel = try #require(HTMLProbe.section(id: "contract-payments", in: page.text), "\(page.text.suffix(600))")
            #expect(panel.contains("href=\"/m/finance/payments/\(first.id)\">\(first.number)</a>"))
            #expect(panel.contains(UIFormat.yuan(first.amount)) && panel.contains("¥" + UIFormat.yuan(800_000)))
            #expect(panel.contains("href=\"/m/finance/contracts/\(id)\""))
            // And back: the finance page of the contract links to the contract.
            #expect(try await hna.get("/m/finance/contracts/\(id)").text.contains("href=\"/m/contracts/\(id)\""))
            // gm may see the contract but not payments: the page comes without the panel.
            var gm = try await Browser.login(client, "gm")
            let plain = try await gm.get("/m/contracts/\(id)")
            #expect(plain.status == .ok && plain.text.contains("HT-P1"))
            #expect(HTMLProbe.section(id: "contract-payments", in: plain.text) == nil)
        }
    }
}
