import Foundation
import HostTesting
import PluginAPI
import SQLKit
import Testing

@Suite("contracts: visibility, validation, numbers, renewals, lists")
struct ContractRulesTests {
    @Test("a matchmaker never sees a peer's contract; managers see their team's; filters combine member and contract criteria")
    func visibility() async throws {
        let team = try await ContractsTeam.make()
        try await team.t.test { client in
            var hna = try await Browser.login(client, "hna")
            var hnb = try await Browser.login(client, "hnb")
            let a = try #require(ContractsTeam.id(from: try await hna.post("/m/contracts/", form: ContractsTeam.contractForm(member: team.members["hna"]!, number: "HNA-1", amount: "5000", payment: "")).location))
            let b = try #require(ContractsTeam.id(from: try await hnb.post("/m/contracts/", form: ContractsTeam.contractForm(member: team.members["hnb"]!, number: "HNB-1", amount: "30000", payment: "")).location))
            // hna cannot enter a contract on hnb's member (not visible to her).
            #expect(try await hna.get("/m/contracts/new?member=\(team.members["hnb"]!)").status == .notFound)
            #expect(try await hna.post("/m/contracts/", form: ContractsTeam.contractForm(member: team.members["hnb"]!)).status == .notFound)
            let own = try await hna.get("/m/contracts/").text
            #expect(own.contains("HNA-1") && !own.contains("HNB-1"))
            #expect(try await hna.get("/m/contracts/\(b)").status == .notFound)
            #expect(try await hnb.get("/m/contracts/\(a)").status == .notFound)
            #expect(try await hnb.post("/m/contracts/\(a)/flow/submit").status == .notFound)
            var mgrA = try await Browser.login(client, "mgra")
            let managed = try await mgrA.get("/m/contracts/").text
            #expect(managed.contains("HNA-1") && !managed.contains("HNB-1"))
            var gm = try await Browser.login(client, "gm")
            let all = try await gm.get("/m/contracts/").text
            #expect(all.contains("HNA-1") && all.contains("HNB-1"))
            let byAmount = try await gm.get("/m/contracts/?amount_min=10000").text
            #expect(byAmount.contains("HNB-1") && !byAmount.contains("HNA-1"))
            let byMember = try await gm.get("/m/contracts/?username=u_hna").text
            #expect(byMember.contains("HNA-1") && !byMember.contains("HNB-1"))
            let byNumber = try await gm.get("/m/contracts/?number=HNB").text
            #expect(byNumber.contains("HNB-1") && !byNumber.contains("HNA-1"))
            let drafts = try await hna.get("/m/contracts/lists/drafts").text
            #expect(drafts.contains("HNA-1"))
        }
    }

    @Test("fields are validated one by one; numbers are unique and generated per day; the end date follows start + days")
    func validation() async throws {
        let team = try await ContractsTeam.make()
        let member = team.members["hna"]!
        try await team.t.test { client in
            var hna = try await Browser.login(client, "hna")
            var bad = ContractsTeam.contractForm(member: member, amount: "12.345", days: "0", payment: "20000", paymentKind: "full")
            bad["starts_on"] = "2026-02-30"
            let page = try await hna.post("/m/contracts/", form: bad)
            #expect(page.status == .unprocessableContent)
            #expect(HTMLProbe.fieldError("total_amount", in: page.text, form: "contract-form") == "请填写正确的金额，如 3000 或 3000.50。")
            #expect(HTMLProbe.fieldError("service_days", in: page.text, form: "contract-form")?.contains("服务天数") == true)
            #expect(HTMLProbe.fieldError("starts_on", in: page.text, form: "contract-form") == "请填写正确的日期，如 2026-11-23。")
            let renewal = try await hna.post("/m/contracts/", form: ContractsTeam.contractForm(member: member, kind: "renewal"))
            #expect(HTMLProbe.fieldError("kind", in: renewal.text, form: "contract-form") == "该会员没有生效中的合同，不能续签。")
            let over = try await hna.post("/m/contracts/", form: ContractsTeam.contractForm(member: member, amount: "1000", payment: "2000", paymentKind: "deposit"))
            #expect(HTMLProbe.fieldError("first_payment_amount", in: over.text, form: "contract-form") == "付款金额不能超过合同总额。")
            #expect(try await team.t.count("contracts_contract") == 0)
            // Two generated numbers the same day, then a duplicate typed by hand.
            for _ in 0..<2 { _ = try await hna.post("/m/contracts/", form: ContractsTeam.contractForm(member: member)) }
            let numbers = try await team.t.db.select().column("number").from("contracts_contract").orderBy("id").all(decodingColumn: "number", as: String.self)
            #expect(numbers == ["HT202611010001", "HT202611010002"])
            let dup = try await hna.post("/m/contracts/", form: ContractsTeam.contractForm(member: member, number: "HT202611010001"))
            #expect(HTMLProbe.fieldError("number", in: dup.text, form: "contract-form") == "该合同编号已被使用。")
        }
    }

    @Test("a renewal of an effective contract extends service without the member re-entering the after-sale pool; expiring list")
    func renewal() async throws {
        let team = try await ContractsTeam.make()
        let member = team.members["hna"]!
        try await team.t.test { client in
            var hna = try await Browser.login(client, "hna")
            var reviewer = try await Browser.login(client, "reviewer")
            var cashier = try await Browser.login(client, "cashier")
            var gm = try await Browser.login(client, "gm")
            let today = AgencyTime.today(timeZone: "Asia/Shanghai")
            var first = ContractsTeam.contractForm(member: member, number: "FIRST", days: "20", submit: true)
            first["signed_on"] = today
            first["starts_on"] = today
            let id = try #require(ContractsTeam.id(from: try await hna.post("/m/contracts/", form: first).location))
            _ = try await reviewer.post("/m/contracts/\(id)/flow/approve")
            _ = try await cashier.post("/m/contracts/\(id)/flow/finance_approve")
            #expect(try await team.status(id) == "effective")
            #expect(try await gm.get("/m/contracts/lists/expiring").text.contains("FIRST"))
            // The after-sale matchmaker takes the member out of the pool.
            try await team.t.db.update("members_member").set("aftersale_owner_id", to: team.ids["hnb"]!).where("id", .equal, member).run()
            let renewalForm = try await hna.get("/m/contracts/new?member=\(member)")
            #expect(renewalForm.text.contains("<option value=\"renewal\" selected"))
            var renewal = ContractsTeam.contractForm(member: member, number: "RENEW", kind: "renewal", submit: true)
            renewal["signed_on"] = today
            renewal["starts_on"] = AgencyTime.format(Int64(Date().timeIntervalSince1970) + 20 * 86_400, timeZone: "Asia/Shanghai", pattern: "yyyy-MM-dd")
            let rid = try #require(ContractsTeam.id(from: try await hna.post("/m/contracts/", form: renewal).location))
            _ = try await reviewer.post("/m/contracts/\(rid)/flow/approve")
            _ = try await cashier.post("/m/contracts/\(rid)/flow/finance_approve")
            #expect(try await team.status(rid) == "effective")
            let owner = try await team.t.db.select().column("aftersale_owner_id").from("members_member").where("id", .equal, member)
                .first(decodingColumn: "aftersale_owner_id", as: Int64?.self)
            #expect(owner == team.ids["hnb"])
            #expect(!(try await gm.get("/m/members/allocation/aftersale?state=unallocated").text.contains("u_hna")))
            // Renewed: no longer expiring; the renewal is listed under renewals.
            #expect(!(try await gm.get("/m/contracts/lists/expiring").text.contains("FIRST")))
            #expect(try await gm.get("/m/contracts/lists/renewal").text.contains("RENEW"))
        }
    }
}
