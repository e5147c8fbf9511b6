import Foundation
import HostTesting
import PluginAPI
import Testing

@Suite("referrals: the generated API in the OpenAPI document")
struct ReferralOpenAPITests {
    @Test("the table's five operations are documented with a record schema typed from its fields and a closed body")
    func documented() async throws {
        let team = try await ReferralTeam.make()
        let member = try await team.member("alice01", owner: "hna")
        _ = try await team.referral("张三", mobile: "13900000001", owner: "hna", referrer: member, reward: 12_850)
        try await team.t.test { client in
            var gm = try await Browser.login(client, "gm")
            let document = Browser.object(try await gm.get("/api/openapi.json"))
            let paths = try #require(document["paths"] as? [String: [String: Any]])
            #expect(Set(paths["/api/referrals/referral"]?.keys.map { $0 } ?? []) == ["get", "post"])
            #expect(Set(paths["/api/referrals/referral/{id}"]?.keys.map { $0 } ?? []) == ["get", "put", "delete"])
            let get = try #require(paths["/api/referrals/referral/{id}"]?["get"] as? [String: Any])
            let ok = ((get["responses"] as? [String: Any])?["200"] as? [String: Any])?["content"] as? [String: Any]
            let record = try #require((ok?["application/json"] as? [String: Any])?["schema"] as? [String: Any])
            let properties = try #require(record["properties"] as? [String: [String: Any]])
            #expect(properties["rewarded"]?["type"] as? String == "boolean")
            #expect((properties["reward"]?["anyOf"] as? [[String: Any]])?.first?["type"] as? String == "integer")
            #expect((properties["referred_on"]?["anyOf"] as? [[String: Any]])?.first?["format"] as? String == "date")
            // A real answer has every property the schema requires, of the type it names.
            let id = try #require(Browser.object(try await gm.json(.get, "/api/referrals/referral"))["items"] as? [[String: Any]]).first?["id"] as? Int
            let answer = Browser.object(try await gm.json(.get, "/api/referrals/referral/\(id ?? 0)"))
            #expect(Set(record["required"] as? [String] ?? []) == Set(answer.keys))
            #expect(answer["rewarded"] is Bool && answer["reward"] as? Int == 12_850)
            let post = try #require(paths["/api/referrals/referral"]?["post"] as? [String: Any])
            let body = ((post["requestBody"] as? [String: Any])?["content"] as? [String: Any])?["application/json"] as? [String: Any]
            #expect((body?["schema"] as? [String: Any])?["additionalProperties"] as? Bool == false)
        }
    }
}
