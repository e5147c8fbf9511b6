import HTTPTypes
@testable import Host
import HostTesting
import HummingbirdTesting
import PluginAPI
import Testing

@Suite("referrals: every generated route goes through the kernel")
struct ReferralRouteSweepTests {
    /// The URL of a route with `:id` filled in.
    static func url(_ spec: RouteSpec, id: Int64) -> String {
        let prefix = spec.mount == .api ? "/api/referrals" : "/m/referrals"
        let path = spec.path.split(separator: "/").map { $0.hasPrefix(":") ? String(id) : String($0) }.joined(separator: "/")
        return prefix + (path.isEmpty ? "" : "/" + path)
    }

    @Test("anonymous → login or 401; no grant → 403; a peer with the grant → 404 on the other's record, 403 where the grant is missing")
    func sweep() async throws {
        let team = try await ReferralTeam.make()
        let member = try await team.member("alice01", owner: "hna")
        let mine = try await team.referral("张三", mobile: "13900000001", owner: "hna", referrer: member)
        let routes = team.t.host.routes.filter { $0.module.id == "referrals" }.map(\.spec)
        #expect(routes.count == 13)
        try await team.t.test { client in
            var nobody = try await Browser.login(client, "nobody")
            var peer = try await Browser.login(client, "hna2")
            for spec in routes {
                let url = Self.url(spec, id: mine)
                let method = try #require(HTTPRequest.Method(rawValue: spec.method.rawValue))
                let anonymous = try await client.executeRequest(uri: url, method: method, headers: [:], body: nil)
                if spec.mount == .api {
                    #expect(anonymous.status == .unauthorized, "\(method) \(url)")
                } else {
                    #expect(anonymous.status == .seeOther && anonymous.headers[.location]?.hasPrefix("/login") == true, "\(method) \(url)")
                }
                #expect(try await Self.send(&nobody, spec, url) == .forbidden, "nobody \(method) \(url)")
                guard spec.path.contains(":id"), case .requires(_, let action) = spec.access else { continue }
                let expected: HTTPResponse.Status = action == "delete" ? .forbidden : .notFound
                #expect(try await Self.send(&peer, spec, url) == expected, "peer \(method) \(url)")
            }
            #expect(try await team.row(mine)?.referred_name == "张三")
        }
    }

    static func send(_ browser: inout Browser, _ spec: RouteSpec, _ url: String) async throws -> HTTPResponse.Status {
        switch (spec.mount, spec.method) {
        case (.api, _): return try await browser.json(HTTPRequest.Method(rawValue: spec.method.rawValue) ?? .get, url, body: spec.method == .get ? nil : "{}").status
        case (_, .get): return try await browser.get(url).status
        default: return try await browser.post(url).status
        }
    }
}
