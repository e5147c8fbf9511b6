import Foundation
import HostTesting
import PluginAPI
import SQLKit
import Testing

@Suite("finance: payments, approval with the security password, the contract's finance step")
struct PaymentApprovalTests {
    @Test("deposit then balance: each approved with the security password; the contract becomes effective when approved payments reach the total")
    func depositAndBalance() async throws {
        let team = try await FinanceTeam.make()
        try await team.t.test { client in
            let contract = try await team.approvedContract(client, login: "hna", number: "HT-F1", total: "12800", first: "3000.50", kind: "deposit")
            #expect(try await team.contractStatus(contract) == "payment_pending")
            // contract.approved created the first payment, pending review.
            let first = try #require(try await team.payments(of: contract).first)
            #expect(first.amount == 300_050 && first.status == "pending")
            var cashier = try await Browser.login(client, "cashier")
            let pending = try await cashier.get("/m/finance/payments?state=pending").text
            #expect(pending.contains("HT-F1") && pending.contains("3,000.50"))
            // A review without the security password is refused field by field.
            let missing = try await cashier.post("/m/finance/payments/\(first.id)/review", form: ["decision": "approve", "security_password": ""])
            #expect(missing.status == .unprocessableContent)
            #expect(HTMLProbe.fieldError("security_password", in: missing.text, form: "review-form") == "请填写安全密码。")
            let approved = try await cashier.post("/m/finance/payments/\(first.id)/review", form: ["decision": "approve", "remark": "已到账",
                                                                                                   "security_password": "safe8888"])
            #expect(approved.status == .seeOther)
            #expect(try await team.contractStatus(contract) == "payment_pending")
            let page = try await cashier.get("/m/finance/contracts/\(contract)").text
            #expect(page.contains("部分付款") && page.contains("¥3,000.50") && page.contains("¥12,800.00"))
            // The balance, entered by the matchmaker, may not exceed what is left.
            var hna = try await Browser.login(client, "hna")
            let over = try await hna.post("/m/finance/contracts/\(contract)/payments", form: ["amount": "9800", "kind": "balance", "paid_on": "2026-10-20"])
            #expect(HTMLProbe.fieldError("amount", in: over.text, form: "add-payment") == "该款项加上已录入的款项超过合同总额。")
            _ = try await hna.post("/m/finance/contracts/\(contract)/payments", form: ["amount": "9799.50", "kind": "balance", "paid_on": "2026-10-20"])
            let balance = try #require(try await team.payments(of: contract).last)
            #expect(balance.amount == 979_950 && balance.status == "pending")
            // The matchmaker cannot approve.
            #expect(try await hna.post("/m/finance/payments/\(balance.id)/review", form: ["decision": "approve", "security_password": "x"]).status == .forbidden)
            let settled = try await cashier.post("/m/finance/payments/\(balance.id)/review", form: ["decision": "approve", "security_password": "safe8888"])
            #expect(HTMLProbe.flashes(in: try await cashier.get(settled.location ?? "/").text).contains("款项已审核通过，合同已全部到款并生效。"))
            #expect(try await team.contractStatus(contract) == "effective")
            let signed = try await team.t.db.select().column("signed").from("members_member").where("id", .equal, team.members["hna"]!)
                .first(decodingColumn: "signed", as: Int.self)
            #expect(signed == 1)
            var gm = try await Browser.login(client, "gm")
            #expect(try await gm.get("/m/members/allocation/aftersale?state=unallocated").text.contains("u_hna"))
            let steps = try await team.t.db.select().column("action").from("contracts_transition").where("contract_id", .equal, contract).orderBy("id")
                .all(decodingColumn: "action", as: String.self)
            #expect(steps == ["submit", "approve", "finance_approve", "activate"])
            // Reviewing an already reviewed payment changes nothing.
            let again = try await cashier.post("/m/finance/payments/\(balance.id)/review", form: ["decision": "reject", "remark": "x", "security_password": "safe8888"])
            #expect(HTMLProbe.flashes(in: try await cashier.get(again.location ?? "/").text).contains("该款项已审核过，未做任何更改。"))
            #expect(try await team.payments(of: contract).map(\.status) == ["approved", "approved"])
        }
    }

    @Test("five wrong security passwords lock finance actions for 15 minutes; nothing is approved meanwhile")
    func lockout() async throws {
        let team = try await FinanceTeam.make()
        try await team.t.test { client in
            let contract = try await team.approvedContract(client, login: "hna", number: "HT-L1", total: "5000", first: "5000", kind: "full")
            let payment = try #require(try await team.payments(of: contract).first)
            var cashier = try await Browser.login(client, "cashier")
            for left in [4, 3, 2, 1] {
                let wrong = try await cashier.post("/m/finance/payments/\(payment.id)/review", form: ["decision": "approve", "security_password": "nope"])
                #expect(wrong.status == .forbidden)
                #expect(HTMLProbe.fieldError("security_password", in: wrong.text, form: "review-form") == "安全密码不正确，还可尝试 \(left) 次。")
            }
            let fifth = try await cashier.post("/m/finance/payments/\(payment.id)/review", form: ["decision": "approve", "security_password": "nope"])
            #expect(HTMLProbe.fieldError("security_password", in: fifth.text, form: "review-form")?.hasPrefix("安全密码错误次数过多，财务操作已锁定至") == true)
            // Even the right password is refused while locked, and the settle action too.
            let locked = try await cashier.post("/m/finance/payments/\(payment.id)/review", form: ["decision": "approve", "security_password": "safe8888"])
            #expect(locked.status == .forbidden && locked.text.contains("已锁定"))
            let settle = try await cashier.post("/m/finance/contracts/\(contract)/settle", form: ["security_password": "safe8888"])
            #expect(settle.status == .forbidden)
            #expect(try await team.payments(of: contract).first?.status == "pending")
            #expect(try await team.t.auditRows(action: "finance.locked").count == 1)
            // Fifteen minutes later (the lock moved into the past) the right password works.
            try await team.t.db.update("core_throttle").set("locked_until", to: Int64(Date().timeIntervalSince1970) - 1).run()
            let ok = try await cashier.post("/m/finance/payments/\(payment.id)/review", form: ["decision": "approve", "security_password": "safe8888"])
            #expect(ok.status == .seeOther)
            #expect(try await team.contractStatus(contract) == "effective")
        }
    }

    @Test("a rejected payment does not count; finance confirms a contract fully paid explicitly, or returns or rejects it with a reason")
    func financeSteps() async throws {
        let team = try await FinanceTeam.make()
        try await team.t.test { client in
            var cashier = try await Browser.login(client, "cashier")
            let a = try await team.approvedContract(client, login: "hna", number: "HT-S1", total: "10000", first: "9000", kind: "deposit")
            let pa = try #require(try await team.payments(of: a).first)
            let noReason = try await cashier.post("/m/finance/payments/\(pa.id)/review", form: ["decision": "reject", "security_password": "safe8888"])
            #expect(HTMLProbe.fieldError("remark", in: noReason.text, form: "review-form") == "审核不通过时须填写原因。")
            _ = try await cashier.post("/m/finance/payments/\(pa.id)/review", form: ["decision": "reject", "remark": "未到账", "security_password": "safe8888"])
            #expect(try await team.payments(of: a).first?.status == "rejected")
            #expect(try await cashier.get("/m/finance/contracts/\(a)").text.contains("未付款"))
            // Explicitly fully paid (e.g. a discount agreed): effective without payments reaching the total.
            _ = try await cashier.post("/m/finance/contracts/\(a)/settle", form: ["remark": "优惠", "security_password": "safe8888"])
            #expect(try await team.contractStatus(a) == "effective")
            let b = try await team.approvedContract(client, login: "hnb", number: "HT-S2", total: "8000", first: "8000", kind: "full")
            let missing = try await cashier.post("/m/finance/contracts/\(b)/return", form: ["security_password": "safe8888"])
            #expect(HTMLProbe.fieldError("remark", in: missing.text) == "审核不通过时须填写原因。")
            _ = try await cashier.post("/m/finance/contracts/\(b)/return", form: ["remark": "金额有误", "security_password": "safe8888"])
            #expect(try await team.contractStatus(b) == "draft")
            let c = try await team.approvedContract(client, login: "hnb", number: "HT-S3", total: "8000", first: "8000", kind: "full")
            _ = try await cashier.post("/m/finance/contracts/\(c)/reject", form: ["remark": "客户退款", "security_password": "safe8888"])
            #expect(try await team.contractStatus(c) == "rejected")
            // A contract no longer waiting for finance: nothing changes.
            let late = try await cashier.post("/m/finance/contracts/\(c)/settle", form: ["security_password": "safe8888"])
            #expect(HTMLProbe.flashes(in: try await cashier.get(late.location ?? "/").text).contains("该合同当前不在待财务确认状态，未做任何更改。"))
            #expect(try await team.contractStatus(c) == "rejected")
        }
    }

    @Test("a matchmaker sees only payments of her own contracts; finance with scope all sees every payment")
    func visibility() async throws {
        let team = try await FinanceTeam.make()
        try await team.t.test { client in
            let a = try await team.approvedContract(client, login: "hna", number: "HT-VA", total: "6000", first: "6000", kind: "full")
            let b = try await team.approvedContract(client, login: "hnb", number: "HT-VB", total: "7000", first: "7000", kind: "full")
            var hna = try await Browser.login(client, "hna")
            let own = try await hna.get("/m/finance/payments?state=pending").text
            #expect(own.contains("HT-VA") && !own.contains("HT-VB"))
            #expect(try await hna.get("/m/finance/contracts/\(b)").status == .notFound)
            let pb = try #require(try await team.payments(of: b).first)
            #expect(try await hna.get("/m/finance/payments/\(pb.id)").status == .notFound)
            #expect(try await hna.post("/m/finance/contracts/\(b)/payments", form: ["amount": "1", "kind": "balance", "paid_on": "2026-10-01"]).status == .notFound)
            var cashier = try await Browser.login(client, "cashier")
            let all = try await cashier.get("/m/finance/payments?state=pending").text
            #expect(all.contains("HT-VA") && all.contains("HT-VB"))
            let filtered = try await cashier.get("/m/finance/payments?state=pending&username=u_hnb").text
            #expect(filtered.contains("HT-VB") && !filtered.contains("HT-VA"))
            _ = a
        }
    }
}
