import Foundation
import HostTesting
import PluginAPI
import SQLKit
import Testing

@Suite("contract flow: entry, review, payment, effective hand-off, and every way back")
struct ContractFlowTests {
    @Test("entered on a member, reviewed, paid: effective, the member signed and in the after-sale pool, every step in the flow information")
    func wholeFlow() async throws {
        let team = try await ContractsTeam.make()
        let member = team.members["hna"]!
        try await team.t.test { client in
            var hna = try await Browser.login(client, "hna")
            // The member overview offers the contract button; the form is prefilled for this member.
            #expect(try await hna.get("/m/presale/\(member)").text.contains("href=\"/m/contracts/new?member=\(member)&amp;_return=%2Fm%2Fpresale%2F\(member)\""))
            let form = try await hna.get("/m/contracts/new?member=\(member)")
            #expect(form.status == .ok && form.text.contains("u_hna（UID \(member)）"))
            let created = try await hna.post("/m/contracts/", form: ContractsTeam.contractForm(member: member, amount: "12,800.50", payment: "3000",
                                                                                             paymentKind: "deposit"))
            #expect(created.status == .seeOther)
            let id = try #require(ContractsTeam.id(from: created.location))
            struct Row: Decodable { let number: String; let total_amount: Int64; let ends_on: String; let first_payment_amount: Int64; let author_id: Int64 }
            let row = try #require(try await team.t.db.select().columns("number", "total_amount", "ends_on", "first_payment_amount", "author_id")
                .from("contracts_contract").where("id", .equal, id).first(decoding: Row.self))
            #expect(row.number == "HT202611010001" && row.total_amount == 1_280_050 && row.ends_on == "2027-11-01")
            #expect(row.first_payment_amount == 300_000 && row.author_id == team.ids["hna"])
            #expect(try await hna.post("/m/contracts/\(id)/flow/submit").status == .seeOther)
            #expect(try await team.status(id) == "submitted")
            // The author cannot approve her own contract.
            #expect(try await hna.post("/m/contracts/\(id)/flow/approve").status == .forbidden)
            var reviewer = try await Browser.login(client, "reviewer")
            let pending = try await reviewer.get("/m/contracts/lists/pending").text
            #expect(pending.contains("HT202611010001"))
            _ = try await reviewer.post("/m/contracts/\(id)/flow/approve", form: ["remark": "资料齐全"])
            #expect(try await team.status(id) == "payment_pending")
            var cashier = try await Browser.login(client, "cashier")
            #expect(try await cashier.get("/m/contracts/lists/payment").text.contains("HT202611010001"))
            _ = try await cashier.post("/m/contracts/\(id)/flow/finance_approve", form: ["remark": "已到账"])
            #expect(try await team.status(id) == "effective")
            // contract.effective: Members marks the member signed, PreSale records the contract.
            let signed = try await team.t.db.select().column("signed").from("members_member").where("id", .equal, member)
                .first(decodingColumn: "signed", as: Int.self)
            #expect(signed == 1)
            #expect(try await team.t.count("presale_contract", where: "contract_id", id) == 1)
            var gm = try await Browser.login(client, "gm")
            #expect(try await gm.get("/m/members/allocation/aftersale?state=unallocated").text.contains("u_hna"))
            // Flow information: who, from, to, remark — four steps.
            let page = try await hna.get("/m/contracts/\(id)").text
            for text in ["提交审核", "审核通过", "资料齐全", "确认到款", "已到账", "合同生效", "¥12,800.50"] { #expect(page.contains(text), "\(text)") }
            let steps = try await team.t.db.select().column("action").from("contracts_transition").where("contract_id", .equal, id).orderBy("id")
                .all(decodingColumn: "action", as: String.self)
            #expect(steps == ["submit", "approve", "finance_approve", "activate"])
            #expect(try await team.t.auditRows(action: "contract.approve").count == 1)
        }
    }

    @Test("reject ends the flow, return sends it back to the author's draft, withdraw only by the author before anyone acts; reasons required")
    func waysBack() async throws {
        let team = try await ContractsTeam.make()
        let member = team.members["hna"]!
        try await team.t.test { client in
            var hna = try await Browser.login(client, "hna")
            var reviewer = try await Browser.login(client, "reviewer")
            var cashier = try await Browser.login(client, "cashier")
            func enter(_ number: String) async throws -> Int64 {
                let created = try await hna.post("/m/contracts/", form: ContractsTeam.contractForm(member: member, number: number, submit: true))
                return try #require(ContractsTeam.id(from: created.location))
            }
            // Withdraw: the author, while nobody acted.
            let a = try await enter("A-1")
            #expect(try await team.status(a) == "submitted")
            #expect(try await reviewer.post("/m/contracts/\(a)/flow/withdraw").status == .forbidden)
            _ = try await hna.post("/m/contracts/\(a)/flow/withdraw")
            #expect(try await team.status(a) == "draft")
            // Return needs a reason; with one it goes back to draft, editable and submittable again.
            _ = try await hna.post("/m/contracts/\(a)/flow/submit")
            _ = try await reviewer.post("/m/contracts/\(a)/flow/return", form: ["remark": "  "])
            #expect(try await team.status(a) == "submitted")
            #expect(HTMLProbe.flashes(in: try await reviewer.get("/m/contracts/\(a)").text).contains("驳回或退回时必须填写原因。"))
            _ = try await reviewer.post("/m/contracts/\(a)/flow/return", form: ["remark": "金额写错"])
            #expect(try await team.status(a) == "draft")
            let edited = try await hna.post("/m/contracts/\(a)", form: ContractsTeam.contractForm(member: member, number: "A-1", amount: "9800", payment: "9800"))
            #expect(edited.status == .seeOther)
            _ = try await hna.post("/m/contracts/\(a)/flow/submit")
            // After the reviewer acted, the author can no longer withdraw.
            _ = try await reviewer.post("/m/contracts/\(a)/flow/approve")
            _ = try await hna.post("/m/contracts/\(a)/flow/withdraw")
            #expect(try await team.status(a) == "payment_pending")
            // Finance returns it (payment not received): draft again.
            _ = try await cashier.post("/m/contracts/\(a)/flow/return", form: ["remark": "款项未到"])
            #expect(try await team.status(a) == "draft")
            // Reject at review ends the flow: nothing can follow.
            let b = try await enter("B-1")
            _ = try await reviewer.post("/m/contracts/\(b)/flow/reject", form: ["remark": "会员资料不全"])
            #expect(try await team.status(b) == "rejected")
            for step in ["submit", "approve", "finance_approve", "withdraw", "return"] {
                _ = try await reviewer.post("/m/contracts/\(b)/flow/\(step)", form: ["remark": "x"])
                _ = try await hna.post("/m/contracts/\(b)/flow/\(step)", form: ["remark": "x"])
            }
            #expect(try await team.status(b) == "rejected")
            #expect(try await team.t.count("contracts_transition", where: "contract_id", b) == 2)
            // An invalid step answers a clear message and changes nothing: approving a draft.
            let c = try await enter("C-1")
            _ = try await hna.post("/m/contracts/\(c)/flow/withdraw")
            _ = try await reviewer.post("/m/contracts/\(c)/flow/approve")
            #expect(try await team.status(c) == "draft")
            #expect(HTMLProbe.flashes(in: try await reviewer.get("/m/contracts/\(c)").text).contains("合同当前状态不允许此操作，未做任何更改。"))
            // A contract past draft cannot be edited or deleted.
            #expect(try await hna.post("/m/contracts/\(b)/delete").status.code == 409)
            #expect(try await hna.get("/m/contracts/\(b)/edit").status.code == 409)
            // Nothing became effective: the member is still unsigned.
            #expect(try await team.t.count("members_member", where: "signed", 1) == 0)
        }
    }
}
