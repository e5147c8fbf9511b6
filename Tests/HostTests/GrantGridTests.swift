import Foundation
import Host
import HostTesting
import HummingbirdTesting
import Settings
import SQLKit
import Testing

@Suite("the role permission grid")
struct GrantGridTests {
    /// The attributes of the checkbox for `key` ("" when there is none).
    func checkbox(_ key: String, in html: String) -> String {
        guard let start = html.range(of: "name=\"perm\" value=\"\(key)\"") else { return "" }
        let rest = html[start.lowerBound...]
        return String(rest[..<(rest.firstIndex(of: ">") ?? rest.endIndex)])
    }

    func isChecked(_ key: String, in html: String) -> Bool { checkbox(key, in: html).contains(" checked") }

    // MARK: - Grid

    @Test("the grid has one row per module resource and one checkbox per action, with a scope picker on owned resources")
    func gridShape() async throws {
        let t = try await TestHost.make(modules: [SettingsModule()])
        try await t.admin()
        let role = try await t.role("红娘")
        try await t.grant(role, ["core.staff.view"], scope: "own")
        try await t.test { client in
            var admin = try await Browser.login(client, "admin")
            let page = try await admin.get("/m/core/roles/\(role)/permissions")
            #expect(page.status == .ok)
            #expect(page.text.contains("<h2>系统</h2>") && page.text.contains("<h2>系统设置</h2>"))
            let rows = page.text.components(separatedBy: "<th scope=\"row\">").dropFirst().map { $0.prefix { $0 != "<" } }
            #expect(rows == ["红娘管理", "角色管理", "审计日志", "通知发件箱", "基本设置", "数据字典", "地区"])
            #expect(HTMLProbe.count("name=\"perm\"", in: page.text) == 6 + 5 + 1 + 2 + 2 + 4 + 1)
            for key in ["core.staff.view", "core.staff.add", "core.staff.edit", "core.staff.delete", "core.staff.audit", "core.staff.resetPassword",
                        "core.role.view", "core.role.add", "core.role.edit", "core.role.delete", "core.role.grant", "core.audit.view",
                        "core.outbox.view", "core.outbox.retry",
                        "settings.site.view", "settings.site.edit", "settings.dictionary.view", "settings.dictionary.add",
                        "settings.dictionary.edit", "settings.dictionary.delete", "settings.region.view"] {
                #expect(!checkbox(key, in: page.text).isEmpty, "no checkbox for \(key)")
                #expect(!checkbox(key, in: page.text).contains("disabled"))
            }
            #expect(page.text.contains("aria-label=\"红娘管理 重置密码\""))
            #expect(HTMLProbe.count("<select name=\"scope:", in: page.text) == 1)
            #expect(page.text.contains("<option value=\"own\" selected>仅本人</option>"))
            #expect(isChecked("core.staff.view", in: page.text) && !isChecked("core.staff.edit", in: page.text))
        }
    }

    // MARK: - Save

    @Test("saving writes grants with their scope, applies on the affected user's next request and is audited")
    func save() async throws {
        let t = try await TestHost.make(modules: [SettingsModule()])
        try await t.admin()
        let role = try await t.role("红娘")
        try await t.staff("hn1", role: role)
        let peer = try await t.staff("hn2", role: role)
        try await t.test { client in
            var hn = try await Browser.login(client, "hn1")
            #expect(try await hn.get("/m/core/audit").status == .forbidden)
            var admin = try await Browser.login(client, "admin")
            let response = try await admin.post("/m/core/roles/\(role)/permissions", form: ["scope:core.staff": "own"],
                                                multi: [("perm", "core.staff.view"), ("perm", "core.staff.edit"), ("perm", "core.audit.view"),
                                                        ("perm", "core.staff.fly"), ("perm", "nonsense")])
            #expect(response.status == .seeOther)
            #expect(try await t.grants(of: role) == ["core.staff.view": "own", "core.staff.edit": "own", "core.audit.view": "all"])
            let audit = try await t.auditRows(action: "grant.change")
            try #require(audit.count == 1)
            #expect(audit[0].target == "role:\(role)" && audit[0].actor_login == "admin")
            #expect(audit[0].before_state == "{}")
            #expect(audit[0].after_state == "{\"core.audit.view\":\"all\",\"core.staff.edit\":\"own\",\"core.staff.view\":\"own\"}")

            #expect(try await hn.get("/m/core/audit").status == .ok)                        // next request, same session
            #expect(try await hn.get("/m/core/staff/\(peer)/edit").status == .notFound)     // own scope: not a peer
            let page = try await admin.get("/m/core/roles/\(role)/permissions")
            #expect(HTMLProbe.flashes(in: page.text) == ["权限已保存，下一次请求起生效。"])
            #expect(isChecked("core.audit.view", in: page.text) && isChecked("core.staff.edit", in: page.text))

            _ = try await admin.post("/m/core/roles/\(role)/permissions", form: ["scope:core.staff": "all"], multi: [("perm", "core.staff.view")])
            #expect(try await t.grants(of: role) == ["core.staff.view": "all"])
            let second = try await t.auditRows(action: "grant.change").first
            #expect(second?.before_state == "{\"core.audit.view\":\"all\",\"core.staff.edit\":\"own\",\"core.staff.view\":\"own\"}")
            #expect(second?.after_state == "{\"core.staff.view\":\"all\"}")
            #expect(try await hn.get("/m/core/audit").status == .forbidden)

            _ = try await admin.post("/m/core/roles/\(role)/permissions", form: ["scope:core.staff": "all"], multi: [("perm", "core.staff.view")])
            #expect(HTMLProbe.flashes(in: try await admin.get("/m/core/roles/\(role)/permissions").text) == ["权限没有变化。"])
            #expect(try await t.auditRows(action: "grant.change").count == 2)
        }
    }

    @Test("a manager grants only what they hold, never wider than their own scope, and keeps grants they cannot change")
    func managerLimits() async throws {
        let t = try await TestHost.make(modules: [SettingsModule()])
        try await t.admin()
        let m = try await t.role("经理"), peer = try await t.role("平级")
        let child = try await t.role("红娘", parent: m)
        try await t.grant(m, ["core.role.view", "core.role.grant", "core.staff.view"], scope: "subtree")
        try await t.grant(child, ["core.audit.view"], scope: "all")
        try await t.staff("mgr", role: m)
        try await t.test { client in
            var mgr = try await Browser.login(client, "mgr")
            let grid = try await mgr.get("/m/core/roles/\(child)/permissions")
            #expect(grid.status == .ok)
            #expect(!checkbox("core.staff.view", in: grid.text).contains("disabled"))
            #expect(checkbox("core.staff.edit", in: grid.text).contains(" disabled"))
            #expect(checkbox("core.audit.view", in: grid.text).hasSuffix(" checked disabled"))   // shown, but not theirs to change
            let response = try await mgr.post("/m/core/roles/\(child)/permissions", form: ["scope:core.staff": "all"],
                                              multi: [("perm", "core.staff.view"), ("perm", "core.staff.edit"), ("perm", "core.role.delete"),
                                                      ("perm", "settings.site.edit")])
            #expect(response.status == .seeOther)
            #expect(try await t.grants(of: child) == ["core.staff.view": "subtree", "core.audit.view": "all"])
            for other in [m, peer, try await t.systemRoleID()] {
                #expect(try await mgr.get("/m/core/roles/\(other)/permissions").status == .forbidden)
                #expect(try await mgr.post("/m/core/roles/\(other)/permissions", multi: [("perm", "core.staff.view")]).status == .forbidden)
            }
            #expect(try await t.grants(of: m) == ["core.role.view": "subtree", "core.role.grant": "subtree", "core.staff.view": "subtree"])
            #expect(try await t.grants(of: peer).isEmpty)
        }
    }

    @Test("a role without the grant permission cannot open or save the grid")
    func needsGrantPermission() async throws {
        let t = try await TestHost.make(modules: [])
        try await t.admin()
        let m = try await t.role("经理")
        let child = try await t.role("红娘", parent: m)
        try await t.grant(m, ["core.role.view", "core.role.edit", "core.staff.view"])
        try await t.staff("mgr", role: m)
        try await t.test { client in
            var mgr = try await Browser.login(client, "mgr")
            #expect(try await mgr.get("/m/core/roles/\(child)/permissions").status == .forbidden)
            #expect(try await mgr.post("/m/core/roles/\(child)/permissions", multi: [("perm", "core.staff.view")]).status == .forbidden)
            #expect(try await t.grants(of: child).isEmpty)
        }
    }

    // MARK: - Disabled modules

    @Test("grants of a disabled module survive a save of the grid and apply again once the module is back")
    func disabledModuleGrantsSurvive() async throws {
        let t = try await TestHost.make(modules: [SettingsModule()])
        try await t.admin()
        let role = try await t.role("红娘")
        try await t.grant(role, ["settings.dictionary.view", "core.staff.view"])
        try await t.staff("hn1", role: role)

        let off = try await t.reopen(modules: [SettingsModule()], enabled: [])
        try await off.test { client in
            var admin = try await Browser.login(client, "admin")
            let grid = try await admin.get("/m/core/roles/\(role)/permissions")
            #expect(!grid.text.contains("settings.") && !grid.text.contains("数据字典"))
            let response = try await admin.post("/m/core/roles/\(role)/permissions", form: ["scope:core.staff": "subtree"],
                                                multi: [("perm", "core.audit.view")])
            #expect(response.status == .seeOther)
            #expect(try await off.grants(of: role) == ["settings.dictionary.view": "subtree", "core.audit.view": "all"])
            #expect(try await off.auditRows(action: "grant.change").first?.before_state == "{\"core.staff.view\":\"subtree\"}")
        }

        let on = try await off.reopen(modules: [SettingsModule()], enabled: ["settings"])
        try await on.test { client in
            var hn = try await Browser.login(client, "hn1")
            #expect(try await hn.get("/m/settings/dictionary").status == .ok)
            var admin = try await Browser.login(client, "admin")
            let grid = try await admin.get("/m/core/roles/\(role)/permissions")
            #expect(isChecked("settings.dictionary.view", in: grid.text) && isChecked("core.audit.view", in: grid.text))
            #expect(!isChecked("core.staff.view", in: grid.text))
        }
    }
}
