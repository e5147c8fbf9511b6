import Foundation
import HostTesting
import PluginAPI
import SQLKit
import Testing

@Suite("referrals: generated JSON API")
struct ReferralAPITests {
    @Test("list and get: only visible records, typed values; invisible → 404; no grant → 403")
    func read() async throws {
        let team = try await ReferralTeam.make()
        let member = try await team.member("alice01", owner: "hna")
        let mine = try await team.referral("张三", mobile: "13900000001", owner: "hna", referrer: member, reward: 12_850)
        let other = try await team.referral("李四", mobile: "13900000002", owner: "hnb", referrer: member)
        try await team.t.test { client in
            var hna = try await Browser.login(client, "hna")
            let list = try await hna.json(.get, "/api/referrals/referral")
            #expect(list.status == .ok)
            let body = Browser.object(list)
            let items = try #require(body["items"] as? [[String: Any]])
            #expect(items.count == 1 && body["total"] as? Int == 1)
            let item = try #require(items.first)
            #expect(item["id"] as? Int == Int(mine) && item["referred_name"] as? String == "张三" && item["mobile"] as? String == "13900000001")
            #expect(item["reward"] as? Int == 12_850 && item["status"] as? String == "new" && item["referred_on"] as? String == "2026-11-20")
            #expect(item["rewarded"] as? Bool == false && item["matchmaker"] as? Int == Int(team.id("hna")) && item["referrer"] as? Int == Int(member))

            let one = try await hna.json(.get, "/api/referrals/referral/\(mine)")
            #expect(one.status == .ok && Browser.object(one)["referred_name"] as? String == "张三")
            #expect(try await hna.json(.get, "/api/referrals/referral/\(other)").status == .notFound)

            var peer = try await Browser.login(client, "hna2")
            #expect(try await peer.json(.get, "/api/referrals/referral/\(mine)").status == .notFound)
            #expect((Browser.object(try await peer.json(.get, "/api/referrals/referral"))["items"] as? [Any])?.isEmpty == true)

            var mgra = try await Browser.login(client, "mgra")
            #expect(try await mgra.json(.get, "/api/referrals/referral/\(mine)").status == .ok)
            #expect(try await mgra.json(.get, "/api/referrals/referral/\(other)").status == .notFound)

            var gm = try await Browser.login(client, "gm")
            let all = Browser.object(try await gm.json(.get, "/api/referrals/referral?status=new&page_size=1"))
            #expect(all["total"] as? Int == 2 && (all["items"] as? [Any])?.count == 1 && all["page_size"] as? Int == 1)

            var nobody = try await Browser.login(client, "nobody")
            #expect(try await nobody.json(.get, "/api/referrals/referral").status == .forbidden)
            #expect(try await nobody.json(.get, "/api/referrals/referral/\(mine)").status == .forbidden)
        }
    }

    @Test("create, update, delete: 422 with field messages and nothing written; partial updates keep the other fields; delete needs its grant")
    func write() async throws {
        let team = try await ReferralTeam.make()
        let member = try await team.member("alice01", owner: "hna")
        try await team.t.test { client in
            var hna = try await Browser.login(client, "hna")
            let bad = try await hna.json(.post, "/api/referrals/referral", body: #"{"referrer": \#(member), "referred_name": "", "mobile": "13900000005", "status": "new", "referred_on": "2026-11-28", "reward": 1.5}"#)
            #expect(bad.status == .unprocessableContent)
            let fields = try #require(Browser.object(bad)["fields"] as? [String: String])
            #expect(fields["referred_name"] == "请填写被推荐人姓名。" && fields["reward"] == "推荐奖励须为金额（元），如 128 或 128.50。")
            #expect(try await team.t.count("referrals_referral") == 0)

            let created = try await hna.json(.post, "/api/referrals/referral", body: #"{"referrer": \#(member), "referred_name": "钱七", "mobile": "13900000005", "status": "new", "referred_on": "2026-11-28", "reward": 5000, "rewarded": true}"#)
            #expect(created.status == .created)
            let id = try #require(Browser.object(created)["id"] as? Int)
            var row = try #require(try await team.row(Int64(id)))
            #expect(row.reward == 5_000 && row.rewarded == 1 && row.owner_id == team.id("hna") && row.referred_name == "钱七")

            let updated = try await hna.json(.put, "/api/referrals/referral/\(id)", body: #"{"status": "joined"}"#)
            #expect(updated.status == .ok && Browser.object(updated)["status"] as? String == "joined")
            row = try #require(try await team.row(Int64(id)))
            #expect(row.status == "joined" && row.referred_name == "钱七" && row.reward == 5_000 && row.mobile == "13900000005")
            #expect(try await team.t.auditRows(action: "referral.update").count == 1)
            // A misspelt field is refused by name, not taken as saved; a record read back with its read-only keys is fine.
            let misspelt = try await hna.json(.put, "/api/referrals/referral/\(id)", body: #"{"statu": "declined"}"#)
            #expect(misspelt.status == .unprocessableContent && misspelt.text.contains("statu"))
            #expect(try #require(try await team.row(Int64(id))).status == "joined")
            let echoed = try await hna.json(.put, "/api/referrals/referral/\(id)", body: #"{"id": \#(id), "created_at": 1, "reward": 6000}"#)
            #expect(echoed.status == .ok && Browser.object(echoed)["reward"] as? Int == 6_000)

            var peer = try await Browser.login(client, "hna2")
            #expect(try await peer.json(.put, "/api/referrals/referral/\(id)", body: #"{"status": "declined"}"#).status == .notFound)
            #expect(try await hna.json(.delete, "/api/referrals/referral/\(id)").status == .forbidden)
            #expect(try await team.row(Int64(id))?.status == "joined")
            var gm = try await Browser.login(client, "gm")
            let deleted = try await gm.json(.delete, "/api/referrals/referral/\(id)")
            #expect(deleted.status == .ok && Browser.object(deleted)["deleted"] as? Int == id)
            #expect(try await team.row(Int64(id)) == nil)
            #expect(try await team.t.auditRows(action: "referral.delete").count == 1)
        }
    }
}
