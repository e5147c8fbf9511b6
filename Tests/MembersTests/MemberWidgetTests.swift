import Foundation
import HostTesting
import Testing

@Suite("members dashboard card")
struct MemberWidgetTests {
    @Test("the card's pie counts my members by gender, each legend label linking the list of exactly those members")
    func genderPie() async throws {
        let team = try await MembersTeam.make()
        let hna = team.ids["hna"]!
        for name in ["m_one", "m_two"] { _ = try await team.member(name, owner: hna, gender: "male") }
        _ = try await team.member("m_other", owner: team.ids["hnb"]!, gender: "male")
        try await team.t.test { client in
            func legend(_ label: String, _ n: Int, owner: Int64, gender: String) -> String {
                "<a class=\"legend-label\" href=\"/m/members?owner=\(owner)&amp;gender=\(gender)\">\(label)</a> <span class=\"legend-value\">\(n)</span>"
            }
            var hnaBrowser = try await Browser.login(client, "hna")
            let card = try await hnaBrowser.get("/").text
            #expect(card.contains("我的会员男女比例"))
            #expect(card.contains(legend("男", 2, owner: hna, gender: "male")))
            #expect(card.contains(legend("女", 1, owner: hna, gender: "female")))
            #expect(card.contains("<span class=\"legend-pct\">66.7%</span>"))
            // hnb's own male member is not counted in hna's pie, and hnb's pie has it.
            var hnb = try await Browser.login(client, "hnb")
            #expect(try await hnb.get("/").text.contains(legend("男", 1, owner: team.ids["hnb"]!, gender: "male")))
            // The link lists the members the slice counted.
            let listed = try await hnaBrowser.get("/m/members?owner=\(hna)&gender=male").text
            #expect(listed.contains("m_one") && listed.contains("m_two") && !listed.contains("u_hna") && !listed.contains("m_other"))
            // mgra owns one member: a pie with one slice; the manager's pie is his own book, not his team's.
            var mgra = try await Browser.login(client, "mgra")
            let managerCard = try await mgra.get("/").text
            #expect(managerCard.contains(legend("女", 1, owner: team.ids["mgra"]!, gender: "female")))
            #expect(!managerCard.contains("gender=male"))
        }
    }

    @Test("mine counts either owner column once: a member both of whose matchmakers I am counts one, an after-sale one counts too")
    func eitherOwner() async throws {
        let team = try await MembersTeam.make()
        let hna = team.ids["hna"]!, hnb = team.ids["hnb"]!
        try await team.t.db.update("members_member").set("aftersale_owner_id", to: hna).where("id", .equal, team.members["hna"]!).run()
        let after = try await team.member("m_after", owner: hnb, gender: "male")
        try await team.t.db.update("members_member").set("aftersale_owner_id", to: hna).where("id", .equal, after).run()
        try await team.t.test { client in
            func legend(_ label: String, _ n: Int, owner: Int64, gender: String) -> String {
                "<a class=\"legend-label\" href=\"/m/members?owner=\(owner)&amp;gender=\(gender)\">\(label)</a> <span class=\"legend-value\">\(n)</span>"
            }
            var browser = try await Browser.login(client, "hna")
            let card = try await browser.get("/").text
            #expect(card.contains(legend("女", 1, owner: hna, gender: "female")) && card.contains(legend("男", 1, owner: hna, gender: "male")))
            #expect(card.contains("我录入/负责的: 共 2 条"))
            let listed = try await browser.get("/m/members?owner=\(hna)&gender=male").text
            #expect(listed.contains("m_after"))
        }
    }
}
