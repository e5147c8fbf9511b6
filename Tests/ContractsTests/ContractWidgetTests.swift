import Foundation
import HostTesting
import PluginAPI
import Testing

@Suite("contracts dashboard card")
struct ContractWidgetTests {
    @Test("waiting for my review counts submitted contracts for reviewers only; renewals this month count what each user sees")
    func card() async throws {
        let team = try await ContractsTeam.make()
        try await team.t.test { client in
            var hna = try await Browser.login(client, "hna")
            var hnb = try await Browser.login(client, "hnb")
            var reviewer = try await Browser.login(client, "reviewer")
            var cashier = try await Browser.login(client, "cashier")
            let today = AgencyTime.today(timeZone: "Asia/Shanghai")
            let monthStart = String(today.prefix(8)) + "01"
            // Two submitted contracts, one per matchmaker.
            _ = try await hna.post("/m/contracts/", form: ContractsTeam.contractForm(member: team.members["hna"]!, number: "WAIT-A", submit: true))
            _ = try await hnb.post("/m/contracts/", form: ContractsTeam.contractForm(member: team.members["hnb"]!, number: "WAIT-B", submit: true))
            // hna's member: a first contract, then two renewals, one signed before this month and one in it; all effective.
            for (number, kind, signed) in [("FIRST", "first", "2025-01-01"), ("RENEW-OLD", "renewal", "2025-06-01"), ("RENEW-NOW", "renewal", today)] {
                var form = ContractsTeam.contractForm(member: team.members["hna"]!, number: number, kind: kind, submit: true)
                form["signed_on"] = signed
                let id = try #require(ContractsTeam.id(from: try await hna.post("/m/contracts/", form: form).location))
                _ = try await reviewer.post("/m/contracts/\(id)/flow/approve")
                _ = try await cashier.post("/m/contracts/\(id)/flow/finance_approve")
                #expect(try await team.status(id) == "effective", "\(number)")
            }
            func line(_ label: String, _ n: Int) -> String { "<span>\(label)</span> <strong class=\"num\">\(n)</strong></a>" }
            let renewalsHref = "/m/contracts/lists/renewal?signed_from=\(monthStart)&amp;signed_to=\(today)"

            let reviewerCard = try await reviewer.get("/").text
            #expect(reviewerCard.contains("<a href=\"/m/contracts/lists/pending\">" + line("待我审核的合同", 2)))
            #expect(reviewerCard.contains("<a href=\"\(renewalsHref)\">" + line("本月续签", 1)))
            // hna may not review: no review line; her own renewal counts. hnb sees none of hna's contracts.
            let hnaCard = try await hna.get("/").text
            #expect(!hnaCard.contains("待我审核的合同"))
            #expect(hnaCard.contains(line("本月续签", 1)))
            #expect(try await hnb.get("/").text.contains(line("本月续签", 0)))
            // The figure's link lists exactly what it counted.
            let listed = try await reviewer.get("/m/contracts/lists/renewal?signed_from=\(monthStart)&signed_to=\(today)").text
            #expect(listed.contains("RENEW-NOW") && !listed.contains("RENEW-OLD"))
            let pending = try await reviewer.get("/m/contracts/lists/pending").text
            #expect(pending.contains("WAIT-A") && pending.contains("WAIT-B"))
        }
    }
}
