import Foundation
import HostTesting
import PluginAPI
import SQLKit
import Testing

@Suite("pre-sale workbench: lists, reminders, widgets, contract facts")
struct WorkbenchTests {
    @Test("lists apply their condition and the kernel's visibility on the pre-sale matchmaker")
    func lists() async throws {
        let team = try await PreSaleTeam.make()
        let today = PreSaleTeam.today
        let birthdayToday = "1990" + today.dropFirst(4)
        let hnaBirthday = try await team.member("u_hna_bday", owner: team.ids["hna"], birthday: birthdayToday)
        let hnbBirthday = try await team.member("u_hnb_bday", owner: team.ids["hnb"], birthday: birthdayToday)
        _ = hnbBirthday
        try await team.t.test { client in
            var hna = try await Browser.login(client, "hna")
            _ = try await hna.post("/m/presale/\(team.members["hna"]!)/notes", form: PreSaleTeam.noteForm(remark: "called"))
            let fresh = try await hna.get("/m/presale/lists/new").text
            #expect(fresh.contains("u_hna_bday") && !fresh.contains(">u_hna<") && !fresh.contains("u_hnb") && !fresh.contains("u_mgra"))
            let followed = try await hna.get("/m/presale/lists/followed").text
            #expect(followed.contains(">u_hna<") && !followed.contains("u_hna_bday"))
            let birthdays = try await hna.get("/m/presale/lists/birthday-today").text
            #expect(birthdays.contains("u_hna_bday") && !birthdays.contains("u_hnb_bday") && !birthdays.contains(">u_hna<"))
            // Names link to the overview page of this module.
            #expect(birthdays.contains("href=\"/m/presale/\(hnaBirthday)\""))
            var mgrA = try await Browser.login(client, "mgra")
            let managed = try await mgrA.get("/m/presale/lists/birthday-month").text
            #expect(managed.contains("u_hna_bday") && !managed.contains("u_hnb_bday"))
            #expect(try await mgrA.get("/m/presale/lists/nonsense").status == .notFound)
            // The Members search form works inside a workbench list.
            let searched = try await mgrA.get("/m/presale/lists/new?username=u_mgra").text
            #expect(searched.contains(">u_mgra<") && !searched.contains("u_hna_bday"))
        }
    }

    @Test("due follow-ups, expiring and expired contracts from contract.effective, and the dashboard widgets linking to them")
    func reminders() async throws {
        let team = try await PreSaleTeam.make()
        let hnaMember = team.members["hna"]!, other = try await team.member("u_hna_2", owner: team.ids["hna"], signed: true)
        let now = Int64(Date().timeIntervalSince1970)
        try await team.t.db.update("members_member").set("next_contact_at", to: now - 3_600).where("id", .equal, hnaMember).run()
        let zone = "Asia/Shanghai"
        @Sendable func day(_ offset: Int) -> String { AgencyTime.format(now + Int64(offset) * 86_400, timeZone: zone, pattern: "yyyy-MM-dd") }
        // Contracts becoming effective, announced the way Contracts will: an event in a transaction.
        try await team.t.host.request(as: "gm", module: "presale").transaction { tx in
            try await tx.publish(Event("contract.effective", ["contract_id": "1", "member_id": String(hnaMember), "kind": "first", "number": "HT1",
                                                              "starts_on": day(-355), "ends_on": day(10), "author_id": String(team.ids["hna"]!), "amount": "1280000"]))
            try await tx.publish(Event("contract.effective", ["contract_id": "2", "member_id": String(other), "kind": "first", "number": "HT2",
                                                              "starts_on": day(-400), "ends_on": day(-5), "author_id": String(team.ids["hna"]!), "amount": "880000"]))
        }
        try await team.t.test { client in
            var hna = try await Browser.login(client, "hna")
            let due = try await hna.get("/m/presale/lists/due").text
            #expect(due.contains(">u_hna<") && !due.contains("u_hna_2"))
            let expiring = try await hna.get("/m/presale/lists/expiring").text
            #expect(expiring.contains(">u_hna<") && !expiring.contains("u_hna_2"))
            let expired = try await hna.get("/m/presale/lists/expired").text
            #expect(expired.contains("u_hna_2") && !expired.contains(">u_hna<"))
            let contracts = try await hna.get("/m/presale/\(hnaMember)?tab=contracts").text
            #expect(contracts.contains("HT1") && contracts.contains("12,800.00"))
            let dashboard = try await hna.get("/").text
            #expect(dashboard.contains("href=\"/m/presale/lists/expiring\"") && dashboard.contains("href=\"/m/presale/lists/due\""))
            #expect(dashboard.contains("合同 30 天内到期"))
            // hna's numbers: 3 members of her own (u_hna, u_hna_2), both contracts this month are hers.
            let mine = try #require(dashboard.range(of: "我的售前会员"))
            #expect(dashboard[mine.upperBound...].prefix(80).contains(">2<"))
            var hnb = try await Browser.login(client, "hnb")
            #expect(!(try await hnb.get("/m/presale/lists/expiring").text.contains("u_hna")))
        }
    }
}
