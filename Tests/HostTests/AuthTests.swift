import Host
import HostTesting
import HummingbirdTesting
import SQLKit
import Testing

@Suite("login, sessions, lockout")
struct AuthTests {
    @Test("a login sets an HttpOnly SameSite=Lax cookie and a new session id every time; the DB stores only a digest")
    func loginCookie() async throws {
        let t = try await TestHost.make(modules: [])
        try await t.admin()
        try await t.test { client in
            var first = Browser(client)
            let page = try await first.get("/login")
            let token = Browser.hiddenValue("_csrf", in: page.text) ?? ""
            let response = try await first.post("/login", form: ["_csrf": token, "login": "admin", "password": "secret1"], csrf: false)
            #expect(response.status == .seeOther)
            let setCookie = response.headers[values: .setCookie].first { $0.hasPrefix("yl_sid=") } ?? ""
            #expect(setCookie.contains("HttpOnly") && setCookie.contains("SameSite=Lax"))
            let sid1 = first.cookies["yl_sid"] ?? ""
            let second = try await Browser.login(client, "admin")
            #expect(!sid1.isEmpty && sid1 != second.cookies["yl_sid"])
            let stored = try await t.db.select().column("id").from("core_session").all(decodingColumn: "id", as: String.self)
            #expect(stored.count == 2)
            #expect(!stored.contains(sid1))
        }
    }

    @Test("a wrong password is refused with a message and no session")
    func wrongPassword() async throws {
        let t = try await TestHost.make(modules: [])
        try await t.admin()
        try await t.test { client in
            var b = Browser(client)
            let token = Browser.hiddenValue("_csrf", in: try await b.get("/login").text) ?? ""
            let response = try await b.post("/login", form: ["_csrf": token, "login": "admin", "password": "nope12"], csrf: false)
            #expect(response.status == .unauthorized)
            #expect(response.text.contains("登录名或密码不正确"))
            #expect(b.cookies["yl_sid"] == nil)
        }
    }

    @Test("five failures within 15 minutes lock the account, even for the right password, and the lock is audited")
    func lockout() async throws {
        let t = try await TestHost.make(modules: [])
        try await t.admin()
        try await t.test { client in
            var b = Browser(client)
            let token = Browser.hiddenValue("_csrf", in: try await b.get("/login").text) ?? ""
            for _ in 1...5 {
                _ = try await b.post("/login", form: ["_csrf": token, "login": "admin", "password": "wrong1"], csrf: false)
            }
            let locked = try await b.post("/login", form: ["_csrf": token, "login": "admin", "password": "secret1"], csrf: false)
            #expect(locked.status.code == 423)
            #expect(locked.text.contains("锁定"))
            #expect(try await t.auditRows(action: "auth.lock").count == 1)
        }
    }

    @Test("logout ends the session on the server: the old cookie no longer works")
    func logout() async throws {
        let t = try await TestHost.make(modules: [])
        try await t.admin()
        try await t.test { client in
            var b = try await Browser.login(client, "admin")
            let oldCookie = b.cookies["yl_sid"] ?? ""
            #expect(try await b.post("/logout").status == .seeOther)
            var replay = Browser(client)
            let page = try await replay.get("/", headers: [.cookie: "yl_sid=\(oldCookie)"])
            #expect(page.status == .seeOther && page.location == "/login")
            let count = try await t.db.select().column("id").from("core_session").all().count
            #expect(count == 0)
        }
    }

    @Test("an idle session expires")
    func idleTimeout() async throws {
        let t = try await TestHost.make(modules: [])
        try await t.admin()
        try await t.test { client in
            var b = try await Browser.login(client, "admin")
            try await t.db.update("core_session").set("last_seen_at", to: 0).run()
            let page = try await b.get("/")
            #expect(page.status == .seeOther && page.location == "/login")
        }
    }

    @Test("a staff member lists their sessions and ends another one")
    func endOtherSession() async throws {
        let t = try await TestHost.make(modules: [])
        try await t.admin()
        try await t.test { client in
            var phone = try await Browser.login(client, "admin")
            var desk = try await Browser.login(client, "admin")
            let profile = try await desk.get("/m/core/profile")
            #expect(profile.text.components(separatedBy: "/profile/sessions/").count - 1 == 2)
            // The phone logged in first; its row is the oldest (same second: compare by last login order via rowid-free created_at + id).
            let ids = try await t.db.select().column("id").from("core_session").orderBy("created_at").all(decodingColumn: "id", as: String.self)
            #expect(ids.count == 2)
            var ended = false
            for id in ids where !ended {
                let before = try await phone.get("/m/core/profile").status
                #expect(before == .ok)
                _ = try await desk.post("/m/core/profile/sessions/\(id)/end")
                ended = try await phone.get("/").status == .seeOther
                if !ended { desk = try await Browser.login(client, "admin") }   // it ended its own; log in again and try the other
            }
            #expect(ended)
            #expect(try await desk.get("/").status == .ok)
        }
    }

    @Test("the next parameter cannot send the user to another site")
    func openRedirect() async throws {
        let t = try await TestHost.make(modules: [])
        try await t.admin()
        try await t.test { client in
            var b = Browser(client)
            let token = Browser.hiddenValue("_csrf", in: try await b.get("/login").text) ?? ""
            let response = try await b.post("/login", form: ["_csrf": token, "login": "admin", "password": "secret1", "next": "//evil.example/"], csrf: false)
            #expect(response.location == "/")
        }
    }
}
