import Foundation
import HostTesting
import SQLKit
import Testing

@Suite("customer analysis from the member's activity")
struct AnalysisTests {
    func activity(_ t: TestHost, member: Int64, _ kind: String, amount: Int64 = 0, detail: String = "", target: Int64? = nil, at: Int64 = 1_763_000_000) async throws {
        try await t.db.insert(into: "members_activity").columns("member_id", "kind", "amount", "detail", "at", "target_id")
            .values(SQLBind(member), SQLBind(kind), SQLBind(amount), SQLBind(detail), SQLBind(at), SQLBind(target)).run()
    }

    @Test("coins, payments, messages, posts and the opposite-sex browsing breakdown; print view and audited CSV")
    func analysis() async throws {
        let team = try await PreSaleTeam.make()
        let member = team.members["hna"]!   // female
        let viewedA = try await team.member("m_a", owner: nil, gender: "male", birthday: "1990-01-01", education: "master", marital: "divorced_no_child")
        let viewedB = try await team.member("m_b", owner: nil, gender: "male", birthday: "1996-06-01", education: "master")
        let sameSex = try await team.member("f_c", owner: nil, gender: "female", education: "doctorate")
        let t = team.t
        try await activity(t, member: member, "login_reward", amount: 20)
        try await activity(t, member: member, "coin_change", amount: 500, detail: "充值金币")
        try await activity(t, member: member, "coin_change", amount: -120, detail: "送礼物")
        try await activity(t, member: member, "payment", amount: 29_900, detail: "季度会员")
        try await activity(t, member: member, "payment", amount: 1_900, detail: "置顶推荐")
        for _ in 0..<3 { try await activity(t, member: member, "message_sent") }
        try await activity(t, member: member, "message_received")
        try await activity(t, member: member, "post_published")
        try await activity(t, member: member, "profile_viewed", target: viewedA)
        try await activity(t, member: member, "profile_viewed", target: viewedA)
        try await activity(t, member: member, "profile_viewed", target: viewedB)
        try await activity(t, member: member, "profile_viewed", target: sameSex)
        try await t.test { client in
            var gm = try await Browser.login(client, "gm")
            let page = try await gm.get("/m/presale/\(member)?tab=analysis").text
            // Coins 20 + 500 - 120 = 400; paid 299.00 + 19.00 = 318.00 yuan.
            #expect(page.contains(">400<") && page.contains("¥318.00"))
            // Consumption: the two payments and the coins spent, not the coins bought.
            #expect(page.contains("季度会员") && page.contains("置顶推荐") && page.contains("送礼物") && !page.contains("充值金币"))
            // Browsing: three opposite-sex views (the same-sex one is left out), all master's degrees; age bands of the two men.
            let education = try #require(page.range(of: "浏览对象学历"))
            let chart = page[education.upperBound...].prefix(2_000)
            #expect(chart.contains("硕士") && !chart.contains("博士"))
            #expect(chart.contains("<desc>硕士: 3 (100%)</desc>"))
            #expect(page.contains("35-39") && page.contains("30-34"))
            let print = try await gm.get("/m/presale/\(member)/analysis/print")
            #expect(print.status == .ok && print.text.contains("data-print") && print.text.contains("¥318.00"))
            let csv = try await gm.get("/m/presale/\(member)/analysis.csv")
            #expect(csv.headers[.contentType]?.hasPrefix("text/csv") == true)
            #expect(csv.text.contains("累计付费,¥318.00") && csv.text.contains("离异无孩,2"))
            #expect(try await t.auditRows(action: "analysis.export").count == 1)
            // Without the export grant the CSV is refused; the member's visibility still rules the page.
            var hna = try await Browser.login(client, "hna")
            #expect(try await hna.get("/m/presale/\(member)/analysis.csv").status == .forbidden)
            #expect(try await hna.get("/m/presale/\(member)?tab=analysis").text.contains("¥318.00"))
            var hnb = try await Browser.login(client, "hnb")
            #expect(try await hnb.get("/m/presale/\(member)/analysis/print").status == .notFound)
        }
    }
}
