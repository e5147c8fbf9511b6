import Foundation
import Host
import HostTesting
import HummingbirdTesting
import SQLKit
import Testing

@Suite("my profile: details, passwords, sessions")
struct ProfilePagesTests {
    func loginStatus(_ client: any TestClientProtocol, _ login: String, _ password: String) async throws -> Int {
        var b = Browser(client)
        let token = Browser.hiddenValue("_csrf", in: try await b.get("/login").text) ?? ""
        return try await b.post("/login", form: ["_csrf": token, "login": login, "password": password], csrf: false).status.code
    }

    // MARK: - Details

    @Test("every staff member, even without grants, edits their own details; role, status and login cannot be posted in")
    func details() async throws {
        let t = try await TestHost.make(modules: [])
        let role = try await t.role("访客")
        try await t.staff("guest", role: role)
        try await t.test { client in
            var me = try await Browser.login(client, "guest")
            let page = try await me.get("/m/core/profile")
            #expect(page.status == .ok && page.text.contains("value=\"GUEST\""))
            let bad = try await me.post("/m/core/profile", form: ["real_name": "", "mobile": "123", "language": "fr"])
            #expect(bad.status.code == 422)
            #expect(HTMLProbe.fieldError("real_name", in: bad.text, form: "profile") == "请填写真实姓名。")
            #expect(HTMLProbe.fieldError("mobile", in: bad.text, form: "profile") == "手机：请输入 11 位手机号码。")
            #expect(HTMLProbe.fieldError("language", in: bad.text, form: "profile") == "界面语言：请从列表中选择。")
            #expect(try await t.userColumn("guest", "real_name") == "GUEST")

            let saved = try await me.post("/m/core/profile", form: [
                "real_name": "访客甲", "mobile": "13900000000", "language": "en", "motto": "Hello",
                "role_id": String(try await t.systemRoleID()), "status": "disabled", "login": "root"])
            #expect(saved.status == .seeOther)
            #expect(try await t.userColumn("guest", "real_name") == "访客甲")
            #expect(try await t.userColumn("guest", "mobile") == "13900000000")
            #expect(try await t.userColumn("guest", "language") == "en")
            #expect(try await t.userColumn("guest", "status") == "active")
            let role = try await t.db.select().column("role_id").from("core_user").where("login", .equal, "guest").first(decodingColumn: "role_id", as: Int64.self)
            #expect(role != (try await t.systemRoleID()))
            #expect(try await t.auditRows(action: "profile.update").first?.after_state?.contains("13900000000") == true)
            #expect(HTMLProbe.flashes(in: try await me.get("/m/core/profile").text) == ["资料已保存。"])   // said in the language the change was made in
        }
    }

    @Test("/api/core/me answers who is logged in")
    func me() async throws {
        let t = try await TestHost.make(modules: [])
        try await t.admin()
        try await t.test { client in
            var admin = try await Browser.login(client, "admin")
            struct Me: Decodable { let login: String; let name: String; let role: String; let language: String }
            let me = try JSONDecoder().decode(Me.self, from: Data(try await admin.get("/api/core/me").text.utf8))
            #expect(me.login == "admin" && me.name == "ADMIN" && me.role == "系统管理员" && me.language == "zh-CN")
        }
    }

    // MARK: - Passwords

    @Test("changing the password needs the current one and a confirmed 10–128 character new one that is not a common password")
    func changePassword() async throws {
        let t = try await TestHost.make(modules: [])
        try await t.staff("hn", role: try await t.role("红娘"))
        try await t.test { client in
            var me = try await Browser.login(client, "hn")
            let wrongOld = try await me.post("/m/core/profile/password", form: ["old": "nope123", "new": "newpass-2026", "confirm": "newpass-2026"])
            #expect(wrongOld.status.code == 422 && HTMLProbe.fieldError("old", in: wrongOld.text, form: "password") == "密码不正确。")
            let mismatch = try await me.post("/m/core/profile/password", form: ["old": "secret1", "new": "newpass-2026", "confirm": "newpass2"])
            #expect(HTMLProbe.fieldError("confirm", in: mismatch.text, form: "password") == "两次输入的密码不一致。")
            let short = try await me.post("/m/core/profile/password", form: ["old": "secret1", "new": "abc", "confirm": "abc"])
            #expect(HTMLProbe.fieldError("new", in: short.text, form: "password") == "密码长度须为 10–128 个字符。")
            #expect(try await loginStatus(client, "hn", "secret1") == 303)

            let done = try await me.post("/m/core/profile/password", form: ["old": "secret1", "new": "newpass-2026", "confirm": "newpass-2026"])
            #expect(done.status == .seeOther)
            #expect(HTMLProbe.flashes(in: try await me.get("/m/core/profile").text) == ["密码已修改。"])
            #expect(try await loginStatus(client, "hn", "secret1") == 401)
            #expect(try await loginStatus(client, "hn", "newpass-2026") == 303)
            #expect(try await t.auditRows(action: "profile.password").count == 1)
        }
    }

    @Test("setting the security password needs the login password; only a bcrypt hash is stored")
    func securityPassword() async throws {
        let t = try await TestHost.make(modules: [])
        try await t.staff("fin", role: try await t.role("财务"))
        try await t.test { client in
            var me = try await Browser.login(client, "fin")
            let wrong = try await me.post("/m/core/profile/security-password", form: ["login_password": "wrong12", "security": "safe-1234-ok", "security_confirm": "safe-1234-ok"])
            #expect(wrong.status.code == 422 && HTMLProbe.fieldError("login_password", in: wrong.text, form: "security") == "密码不正确。")
            #expect(try await t.userColumn("fin", "security_password_hash") == nil)
            let done = try await me.post("/m/core/profile/security-password", form: ["login_password": "secret1", "security": "safe-1234-ok", "security_confirm": "safe-1234-ok"])
            #expect(done.status == .seeOther)
            let hash = try await t.userColumn("fin", "security_password_hash") ?? ""
            #expect(hash.hasPrefix("$2") && !hash.contains("safe-1234-ok"))
            #expect(try await t.auditRows(action: "profile.securityPassword").count == 1)
        }
    }

    // MARK: - Sessions

    @Test("a staff member cannot end another account's session: 404, and that session lives on")
    func otherAccountsSession() async throws {
        let t = try await TestHost.make(modules: [])
        try await t.admin()
        let hnID = try await t.staff("hn", role: try await t.role("红娘"))
        try await t.test { client in
            var hn = try await Browser.login(client, "hn")
            var admin = try await Browser.login(client, "admin")
            let sid = try await t.db.select().column("id").from("core_session").where("user_id", .equal, hnID)
                .first(decodingColumn: "id", as: String.self) ?? ""
            #expect(try await admin.post("/m/core/profile/sessions/\(sid)/end").status == .notFound)
            #expect(try await hn.get("/").status == .ok)
            #expect(!(try await admin.get("/m/core/profile").text.contains(sid)))
        }
    }
}
