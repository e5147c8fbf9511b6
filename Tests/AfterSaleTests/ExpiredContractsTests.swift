import Foundation
import HostTesting
import PluginAPI
import SQLKit
import Testing

/// 已到期未续签: members whose latest contract ended before today, within the after-sale visibility; on the workbench menu
/// and the dashboard card, with birthdays this month.
@Suite("after-sale: expired and not renewed, birthdays this month")
struct ExpiredContractsTests {
    @Test("a member whose only contract ended is listed; one renewed after it or still running is not; a peer's is not; the card counts")
    func expiredNotRenewed() async throws {
        let team = try await AfterSaleTeam.make()
        let expired = try await team.member("exp_a", aftersale: "hna")
        let renewed = try await team.member("ren_a", aftersale: "hna")
        let running = try await team.member("run_a", aftersale: "hna")
        let peers = try await team.member("exp_b", aftersale: "hnb")
        let month = String(AgencyTime.today(timeZone: "Asia/Shanghai").dropFirst(5).prefix(2))
        _ = try await team.member("bday_a", aftersale: "hna", AfterSaleTeam.Profile(birthday: "1990-\(month)-15"))
        for (index, (member, ends)) in [(expired, "2025-06-30"), (renewed, "2025-06-30"), (renewed, "2099-06-30"), (running, "2099-01-01"), (peers, "2025-01-31")].enumerated() {
            let contract = 101 + index
            try await team.t.host.request(as: "gm", module: "aftersale").transaction { tx in
                try await tx.publish(Event("contract.effective", ["contract_id": String(contract), "member_id": String(member), "kind": "first",
                                                                  "ends_on": ends, "min_meetings": "4"]))
            }
        }
        try await team.t.test { client in
            var hna = try await Browser.login(client, "hna")
            let list = try await hna.get("/m/aftersale/lists/expired")
            #expect(list.status == .ok && list.text.contains("exp_a"))
            for name in ["ren_a", "run_a", "exp_b"] { #expect(!list.text.contains(name), "\(name)") }
            #expect(list.text.contains("href=\"/m/aftersale/lists/expired\""))
            let card = try await hna.get("/").text
            #expect(card.contains("<a href=\"/m/aftersale/lists/expired\"><span>已到期未续签</span> <strong class=\"num\">1</strong></a>"))
            #expect(card.contains("<a href=\"/m/aftersale/lists/birthday-month\"><span>本月生日</span> <strong class=\"num\">1</strong></a>"))
            // The team's manager sees the peer's too.
            var gm = try await Browser.login(client, "gm")
            let all = try await gm.get("/m/aftersale/lists/expired").text
            #expect(all.contains("exp_a") && all.contains("exp_b") && !all.contains("ren_a"))
        }
    }
}
