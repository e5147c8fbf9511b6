import Foundation
import Host
import HostTesting
import HummingbirdTesting
import SQLKit
import Testing

/// Passwords, sessions and tokens after a change of credentials (ASVS V2.1, V3.3, V3.5).
@Suite("account security: password policy, sessions and tokens after a change, security password")
struct AccountSecurityTests {
    func me(_ client: any TestClientProtocol, _ token: String) async throws -> Int {
        Int(try await client.executeRequest(uri: "/api/core/me", method: .get, headers: [.authorization: "Bearer \(token)"], body: nil).status.code)
    }

    @Test("a new password of 10–128 characters is refused when it is one of the 10,000 most common")
    func commonPasswordRefused() async throws {
        let t = try await TestHost.make(modules: [])
        try await t.staff("hn", role: try await t.role("红娘"))
        try await t.test { client in
            var me = try await Browser.login(client, "hn")
            for common in ["1234567890", "qwertyuiop", "ILOVEYOU12"] {
                let page = try await me.post("/m/core/profile/password", form: ["old": "secret1", "new": common, "confirm": common])
                #expect(page.status.code == 422)
                #expect(HTMLProbe.fieldError("new", in: page.text, form: "password") == "该密码过于常见，容易被猜中，请换一个。")
            }
            let long = String(repeating: "x", count: 129)
            let tooLong = try await me.post("/m/core/profile/password", form: ["old": "secret1", "new": long, "confirm": long])
            #expect(HTMLProbe.fieldError("new", in: tooLong.text, form: "password") == "密码长度须为 10–128 个字符。")
            let security = try await me.post("/m/core/profile/security-password",
                                              form: ["login_password": "secret1", "security": "1234567890", "security_confirm": "1234567890"])
            #expect(HTMLProbe.fieldError("security", in: security.text, form: "security") == "该密码过于常见，容易被猜中，请换一个。")
            #expect(try await t.userColumn("hn", "security_password_hash") == nil)
        }
    }

    @Test("changing the password ends the account's other sessions, keeps this one, and can revoke the API tokens")
    func changeEndsOtherSessions() async throws {
        let t = try await TestHost.make(modules: [])
        try await t.staff("hn", role: try await t.role("红娘"))
        try await t.test { client in
            var me = try await Browser.login(client, "hn")
            var laptop = try await Browser.login(client, "hn")
            let kept = try await me.createAPIToken(name: "kept")
            let changed = try await me.post("/m/core/profile/password", form: ["old": "secret1", "new": "first-change-26", "confirm": "first-change-26"])
            #expect(changed.status == .seeOther)
            #expect(try await laptop.get("/").location == "/login")         // the other session ended
            #expect(try await me.get("/").status == .ok)                       // this one stays
            #expect(try await self.me(client, kept) == 200)                    // tokens stay unless asked
            let again = try await me.post("/m/core/profile/password",
                                          form: ["old": "first-change-26", "new": "second-change-26", "confirm": "second-change-26", "revoke_tokens": "1"])
            #expect(again.status == .seeOther)
            #expect(try await self.me(client, kept) == 401)
            #expect(try await t.auditRows(action: "profile.password").first?.after_state == "other sessions ended, API tokens revoked")
        }
    }

    @Test("an administrator's reset ends the account's sessions and revokes its API tokens")
    func resetRevokesTokens() async throws {
        let t = try await TestHost.make(modules: [])
        try await t.admin()
        let id = try await t.staff("hn", role: try await t.role("红娘"))
        try await t.test { client in
            var hn = try await Browser.login(client, "hn")
            let token = try await hn.createAPIToken()
            #expect(try await me(client, token) == 200)
            var admin = try await Browser.login(client, "admin")
            #expect(try await admin.post("/m/core/staff/\(id)/password").status == .ok)
            #expect(try await me(client, token) == 401)
            #expect(try await hn.get("/").location == "/login")
        }
    }

    @Test("API tokens expire after 90 days by default; the profile shows when, and an expired token answers 401")
    func tokenExpiry() async throws {
        let t = try await TestHost.make(modules: [])
        try await t.staff("hn", role: try await t.role("红娘"))
        try await t.test { client in
            var hn = try await Browser.login(client, "hn")
            let token = try await hn.createAPIToken()
            let row = try #require(try await t.db.select().columns("created_at", "expires_at").from("core_api_token").first())
            let created = try row.decode(column: "created_at", as: Int64.self), expires = try row.decode(column: "expires_at", as: Int64?.self)
            #expect(expires == created + 90 * 86_400)
            #expect(try await hn.get("/m/core/profile").text.contains("有效期至"))
            #expect(try await me(client, token) == 200)
            try await t.db.update("core_api_token").set("expires_at", to: Int64(Date().timeIntervalSince1970) - 1).run()
            #expect(try await me(client, token) == 401)
        }
    }

    @Test("the staff form cannot set a security password, only clear it")
    func staffFormCannotSetSecurityPassword() async throws {
        let t = try await TestHost.make(modules: [])
        try await t.admin()
        let role = try await t.role("财务")
        let id = try await t.staff("fin", role: role)
        try await t.test { client in
            var admin = try await Browser.login(client, "admin")
            #expect(!(try await admin.get("/m/core/staff/\(id)/edit").text.contains("name=\"security_password\"")))
            let set = try await admin.post("/m/core/staff/\(id)", form: ["real_name": "FIN", "role_id": String(role), "security_password": "chosen-by-admin"])
            #expect(set.status == .seeOther)
            #expect(try await t.userColumn("fin", "security_password_hash") == nil)
            try await t.setSecurityPassword("fin", "owners-own-pass")
            _ = try await admin.post("/m/core/staff/\(id)", form: ["real_name": "FIN", "role_id": String(role), "clear_security_password": "1"])
            #expect(try await t.userColumn("fin", "security_password_hash") == nil)
        }
    }

    @Test("the login password asked before a sensitive change is throttled like a login")
    func reauthenticationThrottled() async throws {
        let t = try await TestHost.make(modules: [])
        try await t.staff("hn", role: try await t.role("红娘"))
        try await t.test { client in
            var me = try await Browser.login(client, "hn")
            for _ in 1...5 {
                _ = try await me.post("/m/core/profile/password", form: ["old": "guess-guess", "new": "brand-new-pass", "confirm": "brand-new-pass"])
            }
            let right = try await me.post("/m/core/profile/password", form: ["old": "secret1", "new": "brand-new-pass", "confirm": "brand-new-pass"])
            #expect(right.status.code == 422)
            #expect(HTMLProbe.fieldError("old", in: right.text, form: "password") == "密码错误次数过多，请 15 分钟后再试。")
        }
    }
}
