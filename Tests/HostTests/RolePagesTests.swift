import Foundation
import Host
import HostTesting
import HummingbirdTesting
import SQLKit
import Testing

@Suite("role pages: the role tree")
struct RolePagesTests {
    struct RoleRow: Decodable { let name: String; let parent_id: Int64?; let sort_order: Int; let description: String }

    func row(_ t: TestHost, _ id: Int64) async throws -> RoleRow? {
        try await t.db.select().columns("name", "parent_id", "sort_order", "description").from("core_role").where("id", .equal, id)
            .first(decoding: RoleRow.self)
    }

    func roleID(_ t: TestHost, named name: String) async throws -> Int64? {
        try await t.db.select().column("id").from("core_role").where("name", .equal, name).first(decodingColumn: "id", as: Int64.self)
    }

    // MARK: - Create

    @Test("an administrator adds a child role; it shows in the tree and the audit row holds the new role")
    func createChild() async throws {
        let t = try await TestHost.make(modules: [])
        try await t.admin()
        let system = try await t.systemRoleID()
        let parent = try await t.role("总经理")
        try await t.test { client in
            var admin = try await Browser.login(client, "admin")
            let form = try await admin.get("/m/core/roles/new?parent=\(parent)")
            #expect(form.status == .ok && form.text.contains("<option value=\"\(parent)\" selected"))
            let response = try await admin.post("/m/core/roles", form: ["name": "销售经理", "parent_id": String(parent),
                                                                       "sort_order": "2", "description": "负责销售"])
            #expect(response.status == .seeOther && response.location == "/m/core/roles")
            let id = try await roleID(t, named: "销售经理") ?? 0
            let stored = try await row(t, id)
            #expect(stored?.parent_id == parent && stored?.sort_order == 2 && stored?.description == "负责销售")
            let audit = try await t.auditRows(action: "role.create")
            try #require(audit.count == 1)
            #expect(audit[0].target == "role:\(id)" && audit[0].before_state == nil)
            #expect(audit[0].after_state?.contains("\"name\":\"销售经理\"") == true)
            #expect(audit[0].after_state?.contains("\"parent_id\":\"\(parent)\"") == true)
            let tree = try await admin.get("/m/core/roles")
            #expect(HTMLProbe.flashes(in: tree.text) == ["角色已保存。"])
            #expect(tree.text.contains("<li style=\"--depth:2\"><strong>销售经理</strong>"))
            #expect(system > 0)
        }
    }

    @Test("a role form with an empty name, a bad sort order or an unknown parent is refused per field; nothing is stored")
    func createValidation() async throws {
        let t = try await TestHost.make(modules: [])
        try await t.admin()
        let before = try await t.count("core_role")
        try await t.test { client in
            var admin = try await Browser.login(client, "admin")
            let page = try await admin.post("/m/core/roles", form: ["name": " ", "parent_id": "999999", "sort_order": "abc"])
            #expect(page.status.code == 422)
            #expect(HTMLProbe.fieldError("name", in: page.text) == "请填写角色名称。")
            #expect(HTMLProbe.fieldError("parent_id", in: page.text) == "请选择上级角色。")
            #expect(HTMLProbe.fieldError("sort_order", in: page.text) == "排序须为 -9999 到 9999 之间的整数。")
            #expect(try await t.count("core_role") == before)
            #expect(try await t.auditRows(action: "role.create").isEmpty)
        }
    }

    // MARK: - Edit and move

    @Test("editing a role renames and moves it; the audit row holds before and after")
    func edit() async throws {
        let t = try await TestHost.make(modules: [])
        try await t.admin()
        let a = try await t.role("一部"), b = try await t.role("二部")
        try await t.test { client in
            var admin = try await Browser.login(client, "admin")
            let form = try await admin.get("/m/core/roles/\(a)/edit")
            #expect(form.status == .ok && form.text.contains("value=\"一部\""))
            let response = try await admin.post("/m/core/roles/\(a)", form: ["name": "一部（新）", "parent_id": String(b),
                                                                            "sort_order": "5", "description": "改组"])
            #expect(response.status == .seeOther)
            let stored = try await row(t, a)
            #expect(stored?.name == "一部（新）" && stored?.parent_id == b && stored?.sort_order == 5 && stored?.description == "改组")
            let audit = try await t.auditRows(action: "role.update").first
            #expect(audit?.before_state?.contains("\"name\":\"一部\"") == true)
            #expect(audit?.after_state?.contains("\"name\":\"一部（新）\"") == true)
            #expect(audit?.after_state?.contains("\"parent_id\":\"\(b)\"") == true)
            #expect(try await admin.get("/m/core/roles").text.contains("<li style=\"--depth:2\"><strong>一部（新）</strong>"))
        }
    }

    @Test("moving a role under itself or one of its descendants is refused with the message and changes nothing")
    func cycleRefused() async throws {
        let t = try await TestHost.make(modules: [])
        try await t.admin()
        let system = try await t.systemRoleID()
        let a = try await t.role("甲"), b = try await t.role("乙", parent: a)
        let c = try await t.role("丙", parent: b)
        try await t.test { client in
            var admin = try await Browser.login(client, "admin")
            let form = try await admin.get("/m/core/roles/\(a)/edit")
            #expect(!form.text.contains("<option value=\"\(b)\"") && !form.text.contains("<option value=\"\(c)\""))
            #expect(form.text.contains("<option value=\"\(system)\""))
            for target in [c, b, a] {
                let page = try await admin.post("/m/core/roles/\(a)", form: ["name": "甲", "parent_id": String(target), "sort_order": "0"])
                #expect(page.status.code == 422)
                #expect(HTMLProbe.fieldError("parent_id", in: page.text) == "不能把角色移到它自己或它的下级之下。")
            }
            #expect(try await row(t, a)?.parent_id == system)
            #expect(try await t.auditRows(action: "role.update").isEmpty)
        }
    }

    // MARK: - Delete

    @Test("a role with users or children cannot be deleted (the message names both counts); an empty role is deleted with its grants")
    func delete() async throws {
        let t = try await TestHost.make(modules: [])
        try await t.admin()
        let a = try await t.role("门店"), b = try await t.role("门店助理", parent: a)
        try await t.staff("u1", role: a)
        try await t.staff("u2", role: a)
        try await t.grant(b, ["core.staff.view"])
        try await t.test { client in
            var admin = try await Browser.login(client, "admin")
            #expect(try await admin.post("/m/core/roles/\(a)/delete").status == .seeOther)
            let refused = HTMLProbe.flashes(in: try await admin.get("/m/core/roles").text)
            #expect(refused == ["该角色下还有 2 个用户和 1 个下级角色，不能删除。请先转移用户并删除下级角色。"])
            #expect(try await row(t, a) != nil)

            #expect(try await admin.post("/m/core/roles/\(b)/delete").status == .seeOther)
            #expect(HTMLProbe.flashes(in: try await admin.get("/m/core/roles").text) == ["角色已删除。"])
            #expect(try await row(t, b) == nil)
            #expect(try await t.count("core_grant", where: "role_id", b) == 0)
            let audit = try await t.auditRows(action: "role.delete")
            try #require(audit.count == 1)
            #expect(audit[0].target == "role:\(b)" && audit[0].before_state?.contains("\"name\":\"门店助理\"") == true)

            _ = try await admin.post("/m/core/roles/\(a)/delete")
            #expect(HTMLProbe.flashes(in: try await admin.get("/m/core/roles").text).first?.contains("还有 2 个用户和 0 个下级角色") == true)
            #expect(try await row(t, a) != nil)

            let system = try await t.systemRoleID()
            #expect(try await admin.post("/m/core/roles/\(system)/delete").status == .forbidden)
            #expect(try await admin.get("/m/core/roles/\(system)/edit").status == .forbidden)
        }
    }

    // MARK: - Managers

    @Test("a manager manages only the roles below their own: their own, a peer's or the built-in role is 403")
    func managerScope() async throws {
        let t = try await TestHost.make(modules: [])
        try await t.admin()
        let system = try await t.systemRoleID()
        let m = try await t.role("经理"), peer = try await t.role("平级")
        let child = try await t.role("组员", parent: m)
        try await t.grant(m, ["core.role.view", "core.role.add", "core.role.edit", "core.role.delete"])
        try await t.staff("mgr", role: m)
        try await t.staff("viewer", role: try await t.role("只读", parent: m))
        try await t.grant(try await roleID(t, named: "只读") ?? 0, ["core.role.view"])
        try await t.test { client in
            var mgr = try await Browser.login(client, "mgr")
            #expect(try await mgr.get("/m/core/roles/\(child)/edit").status == .ok)
            for other in [m, peer, system] {
                #expect(try await mgr.get("/m/core/roles/\(other)/edit").status == .forbidden)
                #expect(try await mgr.post("/m/core/roles/\(other)", form: ["name": "x", "parent_id": String(m)]).status == .forbidden)
                #expect(try await mgr.post("/m/core/roles/\(other)/delete").status == .forbidden)
            }
            #expect(try await row(t, peer)?.name == "平级")
            let tree = try await mgr.get("/m/core/roles")
            #expect(tree.text.contains("/m/core/roles/\(child)/edit") && !tree.text.contains("/m/core/roles/\(peer)/edit"))

            #expect(try await mgr.post("/m/core/roles", form: ["name": "新组", "parent_id": String(m)]).status == .seeOther)
            #expect(try await roleID(t, named: "新组") != nil)
            let outside = try await mgr.post("/m/core/roles", form: ["name": "越权", "parent_id": String(peer)])
            #expect(outside.status.code == 422)
            #expect(HTMLProbe.fieldError("parent_id", in: outside.text) == "只能选择您自己或您下级的角色作为上级。")
            #expect(try await roleID(t, named: "越权") == nil)
            let move = try await mgr.post("/m/core/roles/\(child)", form: ["name": "组员", "parent_id": String(peer)])
            #expect(move.status.code == 422)
            #expect(try await row(t, child)?.parent_id == m)

            var viewer = try await Browser.login(client, "viewer")
            #expect(try await viewer.get("/m/core/roles").status == .ok)
            #expect(try await viewer.post("/m/core/roles", form: ["name": "无权", "parent_id": String(m)]).status == .forbidden)
            #expect(try await roleID(t, named: "无权") == nil)
        }
    }
}
