import Foundation
import HostTesting
import HTTPTypes
import HummingbirdTesting
import Members
import NIOCore
import SQLKit
import Testing

@Suite("JSON API with per-staff tokens")
struct MemberAPITests {
    @Test("a token created in the profile reads the same members the user sees; after revoking it answers 401")
    func tokenLifecycle() async throws {
        let team = try await MembersTeam.make()
        try await team.t.test { client in
            var mgrA = try await Browser.login(client, "mgra")
            let token = try await mgrA.createAPIToken()
            let response = try await client.executeRequest(uri: "/api/members", method: .get, headers: [.authorization: "Bearer \(token)"], body: nil)
            let text = String(buffer: response.body)
            #expect(response.status == .ok)
            #expect(text.contains("u_hna") && !text.contains("u_hnb"))
            let tokenID = try await team.t.db.select().column("id").from("core_api_token").first(decodingColumn: "id", as: Int64.self) ?? 0
            _ = try await mgrA.post("/m/core/profile/tokens/\(tokenID)/revoke")
            let after = try await client.executeRequest(uri: "/api/members", method: .get, headers: [.authorization: "Bearer \(token)"], body: nil)
            #expect(after.status == .unauthorized)
        }
    }

    @Test("create through the API validates like the form and answers 201 with the member")
    func create() async throws {
        let team = try await MembersTeam.make()
        try await team.t.test { client in
            var hnA = try await Browser.login(client, "hna")
            let token = try await hnA.createAPIToken()
            let headers: HTTPFields = [.authorization: "Bearer \(token)", .contentType: "application/json"]
            let bad = try await client.executeRequest(uri: "/api/members", method: .post, headers: headers,
                                                      body: ByteBuffer(string: #"{"username":"x","gender":"female"}"#))
            #expect(bad.status.code == 422)
            #expect(String(buffer: bad.body).contains("birthday"))
            let good = try await client.executeRequest(uri: "/api/members", method: .post, headers: headers,
                                                       body: ByteBuffer(string: #"{"username":"api_user","gender":"male","birthday":"1990-06-01","province":"110000"}"#))
            #expect(good.status.code == 201)
            #expect(String(buffer: good.body).contains("\"username\":\"api_user\""))
            let source = try await team.t.db.select().column("source").from("members_member").where("username", .equal, "api_user")
                .first(decodingColumn: "source", as: String.self)
            #expect(source == "api")
        }
    }

    @Test("activity events are stored for a visible member and refused for an invisible one")
    func activity() async throws {
        let team = try await MembersTeam.make()
        try await team.t.test { client in
            var hnA = try await Browser.login(client, "hna")
            let token = try await hnA.createAPIToken()
            let headers: HTTPFields = [.authorization: "Bearer \(token)", .contentType: "application/json"]
            let ok = try await client.executeRequest(uri: "/api/members/\(team.members["hna"]!)/activity", method: .post, headers: headers,
                                                     body: ByteBuffer(string: #"{"kind":"payment","amount":9900,"detail":"VIP"}"#))
            #expect(ok.status.code == 201)
            let stored = try await team.t.db.select().column("amount").from("members_activity").where("member_id", .equal, team.members["hna"]!)
                .first(decodingColumn: "amount", as: Int64.self)
            #expect(stored == 9900)
            let hidden = try await client.executeRequest(uri: "/api/members/\(team.members["hnb"]!)/activity", method: .post, headers: headers,
                                                         body: ByteBuffer(string: #"{"kind":"payment"}"#))
            #expect(hidden.status == .notFound)
            let badKind = try await client.executeRequest(uri: "/api/members/\(team.members["hna"]!)/activity", method: .post, headers: headers,
                                                          body: ByteBuffer(string: #"{"kind":"teleport"}"#))
            #expect(badKind.status.code == 422)
        }
    }
}
