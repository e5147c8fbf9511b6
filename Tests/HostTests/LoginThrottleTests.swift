import Foundation
import Host
import HostTesting
import HTTPTypes
import HummingbirdTesting
import NIOCore
import PluginAPI
import SQLKit
import Testing

/// Logins tried as an attacker would: in parallel bursts, with unknown names, from several addresses (ASVS V2.2).
@Suite("login throttling: parallel bursts, unknown logins, addresses")
struct LoginThrottleTests {
    /// The login page's anonymous CSRF token, as a cookie header and a form field.
    static func loginToken(_ client: any TestClientProtocol, headers: HTTPFields = [:]) async throws -> String {
        let page = try await client.executeRequest(uri: "/login", method: .get, headers: headers, body: nil)
        return Browser.hiddenValue("_csrf", in: String(buffer: page.body)) ?? ""
    }

    static func post(_ client: any TestClientProtocol, token: String, login: String, password: String,
                     headers extra: HTTPFields = [:]) async throws -> (status: Int, body: String) {
        var headers: HTTPFields = [.contentType: "application/x-www-form-urlencoded", .cookie: "yl_pre=\(token)"]
        headers.append(contentsOf: extra)
        let form = "_csrf=\(token)&login=\(login)&password=\(password)"
        let response = try await client.executeRequest(uri: "/login", method: .post, headers: headers, body: ByteBuffer(string: form))
        return (Int(response.status.code), String(buffer: response.body))
    }

    @Test("40 parallel wrong logins then the right password: locked (423), at most 5 failures checked before the lock")
    func parallelBurst() async throws {
        let t = try await TestHost.make(modules: [])
        try await t.admin()
        try await t.test { client in
            let token = try await Self.loginToken(client)
            let statuses = try await withThrowingTaskGroup(of: Int.self) { group in
                for _ in 0..<40 { group.addTask { try await Self.post(client, token: token, login: "admin", password: "guess-\(Int.random(in: 0...9999))").status } }
                return try await group.reduce(into: [Int]()) { $0.append($1) }
            }
            #expect(statuses.filter { $0 == 401 }.count <= 4)
            #expect(statuses.allSatisfy { $0 == 401 || $0 == 423 })
            let right = try await Self.post(client, token: token, login: "admin", password: "secret1")
            #expect(right.status == 423)
            #expect(right.body.contains("锁定"))
            let failures = try await t.db.select().column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n").from("core_login_attempt")
                .where("success", .equal, 0).first(decodingColumn: "n", as: Int.self) ?? 0
            #expect(failures <= 5)
            #expect(try await t.auditRows(action: "auth.lock").count == 1)
        }
    }

    @Test("an unknown login answers with the same status and body as a known one, and locks the same way")
    func unknownLoginsLookAlike() async throws {
        let t = try await TestHost.make(modules: [])
        try await t.admin()
        try await t.test { client in
            let token = try await Self.loginToken(client)
            let known = try await Self.post(client, token: token, login: "admin", password: "wrong-pass-1")
            let unknown = try await Self.post(client, token: token, login: "nobody", password: "wrong-pass-1")
            #expect(known.status == 401 && unknown.status == 401)
            #expect(known.body.replacingOccurrences(of: "admin", with: "LOGIN") == unknown.body.replacingOccurrences(of: "nobody", with: "LOGIN"))
            var last = 0
            for _ in 1...5 { last = try await Self.post(client, token: token, login: "nobody", password: "wrong-pass-1").status }
            #expect(last == 423)
            let lockedUnknown = try await Self.post(client, token: token, login: "nobody", password: "x")
            for _ in 1...4 { _ = try await Self.post(client, token: token, login: "admin", password: "wrong-pass-1") }
            let lockedKnown = try await Self.post(client, token: token, login: "admin", password: "secret1")
            #expect(lockedUnknown.status == 423 && lockedKnown.status == 423)
            #expect(lockedKnown.body.replacingOccurrences(of: "admin", with: "LOGIN") == lockedUnknown.body.replacingOccurrences(of: "nobody", with: "LOGIN"))
        }
    }

    @Test("behind a trusted proxy, a client locking admin from its address does not lock admin out elsewhere; spraying locks the address")
    func lockIsPerAddress() async throws {
        let t = try await TestHost.make(modules: []) { config in
            if case .success(let proxies) = TrustedProxies.parse(["127.0.0.1/32", "::1"]) { config.trustedProxies = proxies }
        }
        try await t.admin()
        try await t.test(live: true) { client in
            let attacker: HTTPFields = [.init("X-Forwarded-For")!: "203.0.113.9"]
            let office: HTTPFields = [.init("X-Forwarded-For")!: "198.51.100.20"]
            let token = try await Self.loginToken(client)
            for _ in 1...5 { _ = try await Self.post(client, token: token, login: "admin", password: "nope-nope-1", headers: attacker) }
            #expect(try await Self.post(client, token: token, login: "admin", password: "secret1", headers: attacker).status == 423)
            #expect(try await Self.post(client, token: token, login: "admin", password: "secret1", headers: office).status == 303)
            // Spraying: 20 failures over many logins from one address lock the address, even for a right password.
            for n in 0..<15 { _ = try await Self.post(client, token: token, login: "user\(n)", password: "nope-nope-1", headers: attacker) }
            #expect(try await Self.post(client, token: token, login: "other", password: "nope-nope-1", headers: attacker).status == 423)
            #expect(try await t.auditRows(action: "auth.lockAddress").first?.target == "address:203.0.113.9")
            // Behind the trusted proxy the recorded addresses are the clients', not the proxy's.
            let ips = try await t.db.select().column("ip").from("core_login_attempt").all(decodingColumn: "ip", as: String.self)
            #expect(ips.contains("203.0.113.9") && ips.contains("198.51.100.20"))
        }
    }

    @Test("without trusted proxies, X-Forwarded-For is ignored: the client is the TCP peer")
    func forwardedForIgnoredByDefault() async throws {
        #expect(TrustedProxies.none.client(peer: "127.0.0.1", forwardedFor: ["203.0.113.9"]) == "127.0.0.1")
        guard case .success(let proxies) = TrustedProxies.parse(["10.0.0.0/8"]) else { Issue.record("parse failed"); return }
        #expect(proxies.client(peer: "10.1.2.3", forwardedFor: ["198.51.100.7, 10.9.9.9"]) == "198.51.100.7")
        #expect(proxies.client(peer: "192.0.2.1", forwardedFor: ["198.51.100.7"]) == "192.0.2.1")
        if case .success = TrustedProxies.parse(["10.0.0.0/33"]) { Issue.record("a /33 IPv4 block was accepted") }
    }

    @Test("next and _return that would leave the site are replaced by a local path")
    func openRedirect() async throws {
        let t = try await TestHost.make(modules: [])
        try await t.admin()
        try await t.test { client in
            for evil in ["/%09/evil.example", "//evil.example", "/\\evil.example", "https://evil.example", "/%2F/evil.example",
                         "/\t/evil.example", "javascript:alert(1)", "/ /evil.example"] {
                let token = try await Self.loginToken(client)
                var headers: HTTPFields = [.contentType: "application/x-www-form-urlencoded", .cookie: "yl_pre=\(token)"]
                headers[.accept] = "text/html"
                let encoded = evil.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""
                let body = "_csrf=\(token)&login=admin&password=secret1&next=\(encoded)"
                let response = try await client.executeRequest(uri: "/login", method: .post, headers: headers, body: ByteBuffer(string: body))
                #expect(response.status == .seeOther)
                #expect(response.headers[.location] == "/", "next=\(evil)")
            }
            #expect(LocalPath.validated("/m/members?page=2") == "/m/members?page=2")
        }
    }
}
