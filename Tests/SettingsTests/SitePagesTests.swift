import Foundation
import HostTesting
import HummingbirdTesting
import Settings
import SQLKit
import Testing

@Suite("site settings")
struct SitePagesTests {
    static let valid: [String: String] = [
        "agency.name": "红线婚恋", "agency.logo": "/static/logo.png", "agency.hotline": "400-123-4567", "agency.phone": "010 1234567",
        "agency.address": "北京市东城区", "agency.email": "hi@hongxian.example", "agency.site_url": "https://hongxian.example",
        "agency.timezone": "Asia/Hong_Kong", "page_size.staff": "30", "page_size.members": "25", "page_size.public_matchmakers": "8",
        "session.idle_minutes": "60", "session.absolute_hours": "24", "agency.about": "我们专注于婚恋服务。",
    ]

    func stored(_ t: TestHost) async throws -> [String: String] {
        struct Row: Decodable { let key: String; let value: String }
        let rows = try await t.db.select().columns("key", "value").from("core_setting").all(decoding: Row.self)
        return Dictionary(rows.map { ($0.key, $0.value) }, uniquingKeysWith: { a, _ in a })
    }

    // MARK: - Save

    @Test("a valid form is stored, audited, shown again in the form and used in the layout's branding")
    func save() async throws {
        let t = try await TestHost.make(modules: [SettingsModule()])
        try await t.admin()
        try await t.test { client in
            var admin = try await Browser.login(client, "admin")
            let form = try await admin.get("/m/settings/site")
            #expect(form.status == .ok && form.text.contains("value=\"月老婚恋\""))
            let response = try await admin.post("/m/settings/site", form: Self.valid)
            #expect(response.status == .seeOther && response.location == "/m/settings/site")
            #expect(try await stored(t) == Self.valid)
            let audit = try await t.auditRows(action: "site.update")
            try #require(audit.count == 1)
            #expect(audit[0].module == "settings" && audit[0].actor_login == "admin")
            #expect(audit[0].before_state?.contains("\"agency.name\":\"月老婚恋\"") == true)
            #expect(audit[0].after_state?.contains("\"agency.name\":\"红线婚恋\"") == true)

            let again = try await admin.get("/m/settings/site")
            #expect(HTMLProbe.flashes(in: again.text) == ["设置已保存。"])
            #expect(again.text.contains("value=\"红线婚恋\"") && again.text.contains("<option value=\"Asia/Hong_Kong\" selected>"))
            let home = try await admin.get("/")
            #expect(home.text.contains("<title>工作台 · 红线婚恋</title>"))
            #expect(home.text.contains("<img src=\"/static/logo.png\" alt=\"\" class=\"brand-logo\">红线婚恋</a>"))
            #expect(!home.text.contains("月老婚恋"))
            var anonymous = Browser(client)
            #expect(try await anonymous.get("/login").text.contains("红线婚恋"))

            _ = try await admin.post("/m/settings/site", form: Self.valid)     // nothing changed: no new audit row
            #expect(try await t.auditRows(action: "site.update").count == 1)
        }
    }

    // MARK: - Validation

    @Test("a bad e-mail, a page size out of range and an unknown time zone are refused per field; nothing is stored")
    func validation() async throws {
        let t = try await TestHost.make(modules: [SettingsModule()])
        try await t.admin()
        try await t.test { client in
            var admin = try await Browser.login(client, "admin")
            var form = Self.valid
            form["agency.email"] = "not-an-email"
            form["page_size.staff"] = "500"
            form["agency.timezone"] = "Mars/Olympus_Mons"
            form["agency.name"] = ""
            form["agency.site_url"] = "javascript:alert(1)"
            form["session.idle_minutes"] = "ten"
            let page = try await admin.post("/m/settings/site", form: form)
            #expect(page.status.code == 422)
            #expect(HTMLProbe.fieldError("agency.email", in: page.text) == "电子邮箱：请输入有效的电子邮箱地址。")
            #expect(HTMLProbe.fieldError("page_size.staff", in: page.text) == "红娘列表每页条数须为 5 到 200 之间的整数。")
            #expect(HTMLProbe.fieldError("agency.timezone", in: page.text) == "时区：请从列表中选择。")
            #expect(HTMLProbe.fieldError("agency.name", in: page.text) == "请填写机构名称。")
            #expect(HTMLProbe.fieldError("agency.site_url", in: page.text) == "网站地址：请填写以 http:// 或 https:// 开头的网址。")
            #expect(HTMLProbe.fieldError("session.idle_minutes", in: page.text) == "会话空闲超时（分钟）须为 5 到 1440 之间的整数。")
            #expect(HTMLProbe.fieldError("agency.hotline", in: page.text) == nil)
            #expect(page.text.contains("value=\"not-an-email\""))                  // the input is kept for correction
            #expect(try await stored(t).isEmpty)
            #expect(try await t.auditRows(action: "site.update").isEmpty)
            #expect(try await admin.get("/").text.contains("<title>工作台 · 月老婚恋</title>"))
        }
    }

    @Test("validation messages follow the user's language")
    func englishMessages() async throws {
        let t = try await TestHost.make(modules: [SettingsModule()])
        try await t.admin()
        try await t.db.update("core_user").set("language", to: "en").run()
        try await t.test { client in
            var admin = try await Browser.login(client, "admin")
            var form = Self.valid
            form["agency.email"] = "bad"
            form["page_size.members"] = "1"
            let page = try await admin.post("/m/settings/site", form: form)
            #expect(page.status.code == 422)
            #expect(HTMLProbe.fieldError("agency.email", in: page.text) == "E-mail: enter a valid e-mail address.")
            #expect(HTMLProbe.fieldError("page_size.members", in: page.text) == "Member list page size must be a whole number from 5 to 200.")
        }
    }

    // MARK: - Permissions

    @Test("a role with view but not edit sees the settings read-only and gets 403 on save")
    func viewOnly() async throws {
        let t = try await TestHost.make(modules: [SettingsModule()])
        let role = try await t.role("前台")
        try await t.grant(role, ["settings.site.view"])
        try await t.staff("desk", role: role)
        try await t.staff("hn", role: try await t.role("红娘"))
        try await t.test { client in
            var desk = try await Browser.login(client, "desk")
            let page = try await desk.get("/m/settings/site")
            #expect(page.status == .ok)
            #expect(page.text.contains("<dt>机构名称</dt><dd>月老婚恋</dd>"))
            #expect(!page.text.contains("action=\"/m/settings/site\""))
            #expect(try await desk.post("/m/settings/site", form: Self.valid).status == .forbidden)
            #expect(try await stored(t).isEmpty)
            var hn = try await Browser.login(client, "hn")
            #expect(try await hn.get("/m/settings/site").status == .forbidden)
        }
    }
}
