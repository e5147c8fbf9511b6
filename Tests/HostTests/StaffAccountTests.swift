import Foundation
import Host
import HostTesting
import HummingbirdTesting
import SQLKit
import Testing

@Suite("staff accounts: enable/disable, password reset, login availability")
struct StaffAccountTests {
    /// Logs in through the form without throwing; returns the status.
    func tryLogin(_ client: any TestClientProtocol, _ login: String, _ password: String) async throws -> (status: Int, text: String) {
        var b = Browser(client)
        let token = Browser.hiddenValue("_csrf", in: try await b.get("/login").text) ?? ""
        let response = try await b.post("/login", form: ["_csrf": token, "login": login, "password": password], csrf: false)
        return (response.status.code, response.text)
    }

    // MARK: - Enable / disable

    @Test("disabling a staff member ends their sessions at once and refuses new logins; enabling lets them back in")
    func disableEndsSessions() async throws {
        let t = try await TestHost.make(modules: [])
        try await t.admin()
        let role = try await t.role("红娘")
        let id = try await t.staff("hn1", role: role)
        try await t.test { client in
            var hn = try await Browser.login(client, "hn1")
            _ = try await Browser.login(client, "hn1")                       // a second device
            #expect(try await t.count("core_session", where: "user_id", id) == 2)
            var admin = try await Browser.login(client, "admin")
            let list = try await admin.get("/m/core/staff")
            #expect(list.text.contains("/m/core/staff/\(id)/status"))
            let response = try await admin.post("/m/core/staff/\(id)/status")
            #expect(response.status == .seeOther)
            #expect(try await t.userColumn("hn1", "status") == "disabled")
            #expect(try await t.count("core_session", where: "user_id", id) == 0)
            let replay = try await hn.get("/")
            #expect(replay.status == .seeOther && replay.location == "/login")
            let refused = try await tryLogin(client, "hn1", "secret1")
            #expect(refused.status == 403 && refused.text.contains("该账号已停用。"))
            let audit = try await t.auditRows(action: "staff.status")
            #expect(audit.first?.before_state == "active" && audit.first?.after_state == "disabled" && audit.first?.target == "staff:\(id)")
            #expect(HTMLProbe.flashes(in: try await admin.get("/m/core/staff").text) == ["账号已停用。"])

            #expect(try await admin.post("/m/core/staff/\(id)/status").status == .seeOther)
            #expect(try await t.userColumn("hn1", "status") == "active")
            #expect(try await tryLogin(client, "hn1", "secret1").status == 303)
        }
    }

    @Test("nobody can disable their own account")
    func cannotDisableSelf() async throws {
        let t = try await TestHost.make(modules: [])
        let id = try await t.admin()
        try await t.test { client in
            var admin = try await Browser.login(client, "admin")
            #expect(try await admin.post("/m/core/staff/\(id)/status").status == .seeOther)
            #expect(try await t.userColumn("admin", "status") == "active")
            #expect(HTMLProbe.flashes(in: try await admin.get("/m/core/staff").text) == ["不能停用自己的账号。"])
            #expect(try await t.auditRows(action: "staff.status").isEmpty)
        }
    }

    // MARK: - Password reset

    @Test("a reset shows the new password once; the old one stops working, the new one works, old sessions end")
    func resetPassword() async throws {
        let t = try await TestHost.make(modules: [])
        try await t.admin()
        let role = try await t.role("红娘")
        let id = try await t.staff("hn1", role: role)
        try await t.test { client in
            var hn = try await Browser.login(client, "hn1")
            var admin = try await Browser.login(client, "admin")
            let response = try await admin.post("/m/core/staff/\(id)/password")
            #expect(response.status == .ok)   // shown in this answer, not through the session's flash
            let flash = HTMLProbe.flashes(in: response.text).first ?? ""
            #expect(flash.hasPrefix("新密码（只显示一次） hn1: "))
            let password = String(flash.dropFirst("新密码（只显示一次） hn1: ".count))
            #expect(password.count == 16)
            let flashes = try await t.db.select().column("flash").from("core_session").all(decodingColumn: "flash", as: String?.self)
            #expect(!flashes.contains { $0?.contains(password) == true })
            #expect(HTMLProbe.flashes(in: try await admin.get("/m/core/staff").text).isEmpty)   // shown once
            #expect(!(try await t.userColumn("hn1", "password_hash") ?? "").contains(password))
            #expect(try await t.auditRows(action: "staff.resetPassword").first?.target == "staff:\(id)")
            #expect(try await t.auditRows(action: "staff.resetPassword").first?.after_state == nil)   // never logged

            #expect(try await hn.get("/").status == .seeOther)                   // the old session ended
            #expect(try await tryLogin(client, "hn1", "secret1").status == 401)
            #expect(try await tryLogin(client, "hn1", password).status == 303)
            // A temporary password opens nothing but the password change, which ends the temporary state.
            var fresh = try await Browser.login(client, "hn1", password)
            let home = try await fresh.get("/")
            #expect(home.status == .seeOther && home.location == "/m/core/profile#password")
            #expect(try await fresh.get("/m/core/roles").location == "/m/core/profile#password")
            #expect(try await fresh.get("/m/core/profile").text.contains("您正在使用临时密码"))
            let changed = try await fresh.post("/m/core/profile/password", form: ["old": password, "new": "my-own-2026-pass", "confirm": "my-own-2026-pass"])
            #expect(changed.status == .seeOther)
            #expect(try await fresh.get("/").status == .ok)
        }
    }

    @Test("a reset also lifts a lockout")
    func resetUnlocks() async throws {
        let t = try await TestHost.make(modules: [])
        try await t.admin()
        let id = try await t.staff("hn1", role: try await t.role("红娘"))
        try await t.test { client in
            for _ in 1...5 { _ = try await tryLogin(client, "hn1", "wrong-guess") }
            #expect(try await tryLogin(client, "hn1", "secret1").status == 423)
            var admin = try await Browser.login(client, "admin")
            let reset = try await admin.post("/m/core/staff/\(id)/password")
            let flash = HTMLProbe.flashes(in: reset.text).first ?? ""
            let password = String(flash.split(separator: " ").last ?? "")
            #expect(password.count == 16)
            #expect(try await tryLogin(client, "hn1", password).status == 303)
        }
    }

    @Test("even with scope all, a non-administrator cannot reset, disable or edit an administrator's account (403)")
    func administratorsAreOffLimits() async throws {
        let t = try await TestHost.make(modules: [])
        let adminID = try await t.admin()
        let hr = try await t.role("人事")
        try await t.grant(hr, ["core.staff.view", "core.staff.edit", "core.staff.resetPassword"], scope: "all")
        try await t.staff("hr", role: hr)
        let other = try await t.staff("hn1", role: try await t.role("红娘"))
        try await t.test { client in
            var hrBrowser = try await Browser.login(client, "hr")
            #expect(try await hrBrowser.get("/m/core/staff").text.contains("admin"))      // visible with scope all
            #expect(try await hrBrowser.post("/m/core/staff/\(adminID)/password").status == .forbidden)
            #expect(try await hrBrowser.post("/m/core/staff/\(adminID)/status").status == .forbidden)
            #expect(try await hrBrowser.get("/m/core/staff/\(adminID)/edit").status == .forbidden)
            #expect(try await hrBrowser.post("/m/core/staff/\(adminID)", form: ["real_name": "x", "role_id": String(hr)]).status == .forbidden)
            #expect(try await t.userColumn("admin", "status") == "active")
            #expect(try await t.userColumn("admin", "real_name") == "ADMIN")
            #expect(try await tryLogin(client, "admin", "secret1").status == 303)
            #expect(try await t.auditRows(action: "staff.resetPassword").isEmpty)
            #expect(try await hrBrowser.post("/m/core/staff/\(other)/password").status == .ok)   // others: allowed
        }
    }

    // MARK: - Availability

    struct Availability: Decodable { let ok: Bool; let message: String }

    @Test("the availability check answers JSON: taken, free, or the rule that is broken")
    func availability() async throws {
        let t = try await TestHost.make(modules: [])
        try await t.admin()
        try await t.test { client in
            var admin = try await Browser.login(client, "admin")
            func check(_ value: String) async throws -> Availability {
                let page = try await admin.get("/m/core/staff/check?value=\(value)")
                #expect(page.status == .ok)
                #expect(page.headers[.contentType]?.hasPrefix("application/json") == true)
                return try JSONDecoder().decode(Availability.self, from: Data(page.text.utf8))
            }
            let taken = try await check("admin")
            #expect(!taken.ok && taken.message == "该登录名已被使用。")
            let free = try await check("newbie")
            #expect(free.ok && free.message == "该登录名可以使用。")
            let bad = try await check("a%20b")
            #expect(!bad.ok && bad.message == "登录名：3–16 位字母、数字、下划线或点。")
            let empty = try await check("")
            #expect(!empty.ok && empty.message == "请填写登录名。")
        }
    }

    @Test("the availability check needs the staff view grant")
    func availabilityNeedsGrant() async throws {
        let t = try await TestHost.make(modules: [])
        try await t.staff("guest", role: try await t.role("访客"))
        try await t.test { client in
            var guest = try await Browser.login(client, "guest")
            let page = try await guest.get("/m/core/staff/check?value=admin")
            #expect(page.status == .forbidden && !page.text.contains("\"ok\""))
        }
    }
}
