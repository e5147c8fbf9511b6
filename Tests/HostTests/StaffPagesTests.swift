import Foundation
import Host
import HostTesting
import HummingbirdTesting
import SQLKit
import Testing

@Suite("staff pages: create, validate, visibility, search")
struct StaffPagesTests {
    /// system ← 总经理 ← 经理A (mgra, mgra2) ← 红娘A (hna) ; 总经理 ← 经理B (mgrb) ← 红娘B (hnb).
    /// 经理A may view/add/edit staff of its subtree; 经理B may only view.
    struct Team {
        let gmRole: Int64, mgrRoleA: Int64, mgrRoleB: Int64, hnRoleA: Int64, hnRoleB: Int64
        let mgra: Int64, mgra2: Int64, mgrb: Int64, hna: Int64, hnb: Int64
    }

    func team(_ t: TestHost) async throws -> Team {
        try await t.admin()
        let gm = try await t.role("总经理")
        let mgrA = try await t.role("经理A", parent: gm), mgrB = try await t.role("经理B", parent: gm)
        let hnA = try await t.role("红娘A", parent: mgrA), hnB = try await t.role("红娘B", parent: mgrB)
        try await t.grant(mgrA, ["core.staff.view", "core.staff.add", "core.staff.edit"])
        try await t.grant(mgrB, ["core.staff.view"])
        return Team(gmRole: gm, mgrRoleA: mgrA, mgrRoleB: mgrB, hnRoleA: hnA, hnRoleB: hnB,
                    mgra: try await t.staff("mgra", role: mgrA), mgra2: try await t.staff("mgra2", role: mgrA),
                    mgrb: try await t.staff("mgrb", role: mgrB), hna: try await t.staff("hna", role: hnA),
                    hnb: try await t.staff("hnb", role: hnB))
    }

    func newStaffForm(_ login: String, role: Int64, password: String = "pass-1234-ok") -> [String: String] {
        ["login": login, "password": password, "real_name": "洪娘", "role_id": String(role), "mobile": "13800138000",
         "email": "hn@example.com", "qq": "123456", "wechat": "hn_wx", "motto": "有缘千里来相会"]
    }

    // MARK: - Create

    @Test("an administrator creates a staff member through the form: bcrypt hash stored, audited, and the account logs in")
    func create() async throws {
        let t = try await TestHost.make(modules: [])
        let team = try await team(t)
        try await t.test { client in
            var admin = try await Browser.login(client, "admin")
            let form = try await admin.get("/m/core/staff/new")
            #expect(form.status == .ok)
            #expect(form.text.contains("name=\"login\"") && form.text.contains("name=\"password\"") && form.text.contains("enctype=\"multipart/form-data\""))
            let response = try await admin.post("/m/core/staff", form: newStaffForm("hong.niang", role: team.hnRoleA))
            #expect(response.status == .seeOther)
            let id = try await t.userID("hong.niang")
            #expect(id > 0)
            #expect(response.location == "/m/core/staff/\(id)/edit")
            let hash = try await t.userColumn("hong.niang", "password_hash") ?? ""
            #expect(hash.hasPrefix("$2") && !hash.contains("pass-1234-ok"))
            #expect(try await t.userColumn("hong.niang", "real_name") == "洪娘")
            #expect(try await t.userColumn("hong.niang", "mobile") == "13800138000")
            #expect(try await t.userColumn("hong.niang", "status") == "active")
            let role = try await t.db.select().column("role_id").from("core_user").where("id", .equal, id).first(decodingColumn: "role_id", as: Int64.self)
            #expect(role == team.hnRoleA)
            let audit = try await t.auditRows(action: "staff.create")
            #expect(audit.count == 1)
            #expect(audit.first?.target == "staff:\(id)" && audit.first?.actor_login == "admin")
            #expect(audit.first?.after_state?.contains("\"login\":\"hong.niang\"") == true)
            #expect(audit.first?.after_state?.contains("pass-1234-ok") == false)
            let edit = try await admin.get("/m/core/staff/\(id)/edit")
            #expect(HTMLProbe.flashes(in: edit.text) == ["红娘账号已创建。"])
            _ = try await Browser.login(client, "hong.niang", "pass-1234-ok")
        }
    }

    @Test("bad fields re-render the form with 422 and one zh-CN message per field; nothing is stored")
    func validation() async throws {
        let t = try await TestHost.make(modules: [])
        let team = try await team(t)
        let before = try await t.count("core_user")
        try await t.test { client in
            var admin = try await Browser.login(client, "admin")
            var form = newStaffForm("ab", role: team.hnRoleA, password: "123")
            form["mobile"] = "12345"
            form["email"] = "not-an-email"
            form["real_name"] = ""
            let page = try await admin.post("/m/core/staff", form: form)
            #expect(page.status.code == 422)
            #expect(HTMLProbe.fieldError("login", in: page.text) == "登录名：3–16 位字母、数字、下划线或点。")
            #expect(HTMLProbe.fieldError("password", in: page.text) == "密码长度须为 10–128 个字符。")
            #expect(HTMLProbe.fieldError("mobile", in: page.text) == "手机：请输入 11 位手机号码。")
            #expect(HTMLProbe.fieldError("email", in: page.text) == "电子邮箱：请输入有效的电子邮箱地址。")
            #expect(HTMLProbe.fieldError("real_name", in: page.text) == "请填写真实姓名。")
            #expect(HTMLProbe.fieldError("role_id", in: page.text) == nil)
            #expect(page.text.contains("value=\"ab\""))            // the input is kept
            #expect(!page.text.contains("value=\"123\""))          // the password is never echoed

            let taken = try await admin.post("/m/core/staff", form: newStaffForm("hna", role: team.hnRoleA))
            #expect(taken.status.code == 422)
            #expect(HTMLProbe.fieldError("login", in: taken.text) == "该登录名已被使用。")
            #expect(HTMLProbe.fieldErrorIDs(in: taken.text) == ["f-login"])

            var noRole = newStaffForm("newbie", role: 0)
            noRole["role_id"] = ""
            let missing = try await admin.post("/m/core/staff", form: noRole)
            #expect(missing.status.code == 422)
            #expect(HTMLProbe.fieldError("role_id", in: missing.text) == "请填写角色。")
            #expect(try await t.count("core_user") == before)
            #expect(try await t.auditRows(action: "staff.create").isEmpty)
        }
    }

    // MARK: - Mass assignment

    @Test("fields the form does not declare (status, id, password_hash, login on edit) are ignored")
    func massAssignment() async throws {
        let t = try await TestHost.make(modules: [])
        let team = try await team(t)
        try await t.test { client in
            var admin = try await Browser.login(client, "admin")
            var form = newStaffForm("sneaky", role: team.hnRoleA)
            form["status"] = "disabled"
            form["id"] = "4242"
            form["password_hash"] = "$2b$04$forgedforgedforgedforgedforgedforgedforgedforgedforge"
            form["created_at"] = "1"
            form["last_login_at"] = "5"
            #expect(try await admin.post("/m/core/staff", form: form).status == .seeOther)
            let id = try await t.userID("sneaky")
            #expect(id != 4242 && id > 0)
            #expect(try await t.userColumn("sneaky", "status") == "active")
            #expect(try await t.userColumn("sneaky", "password_hash")?.hasPrefix("$2b$04$forged") == false)
            let stamps = try await t.db.select().columns("created_at", "last_login_at").from("core_user").where("id", .equal, id)
                .first(decoding: Stamps.self)
            #expect(stamps?.created_at ?? 0 > 1_000_000 && stamps?.last_login_at == nil)

            let update = try await admin.post("/m/core/staff/\(team.hna)", form: [
                "real_name": "HNA", "role_id": String(team.hnRoleA), "status": "disabled", "login": "renamed",
                "password_hash": "x", "avatar": "../../etc/passwd", "id": "1"])
            #expect(update.status == .seeOther)
            #expect(try await t.userColumn("hna", "status") == "active")
            #expect(try await t.userColumn("hna", "avatar") == "")
            #expect(try await t.userID("renamed") == 0)
            _ = try await Browser.login(client, "hna")   // the password still works
        }
    }

    struct Stamps: Decodable { let created_at: Int64; let last_login_at: Int64? }

    @Test("a manager can only assign roles below their own: their own role or a peer's subordinate role is a field error")
    func roleOutsideSubtree() async throws {
        let t = try await TestHost.make(modules: [])
        let team = try await team(t)
        try await t.test { client in
            var mgra = try await Browser.login(client, "mgra")
            let form = try await mgra.get("/m/core/staff/new")
            #expect(form.text.contains("红娘A") && !form.text.contains("红娘B") && !form.text.contains("总经理"))
            for role in [team.mgrRoleA, team.hnRoleB, team.gmRole, try await t.systemRoleID()] {
                let page = try await mgra.post("/m/core/staff", form: newStaffForm("climber", role: role))
                #expect(page.status.code == 422)
                #expect(HTMLProbe.fieldError("role_id", in: page.text) == "只能分配您下级的角色。")
            }
            #expect(try await t.userID("climber") == 0)
            let promote = try await mgra.post("/m/core/staff/\(team.hna)", form: ["real_name": "HNA", "role_id": String(team.gmRole)])
            #expect(promote.status.code == 422 && HTMLProbe.fieldError("role_id", in: promote.text) == "只能分配您下级的角色。")
            let ownForm = try await mgra.get("/m/core/staff/\(team.mgra)/edit")   // own role shown, so the form saves unchanged
            #expect(ownForm.text.contains("<option value=\"\(team.mgrRoleA)\" selected>经理A</option>"))
            #expect(try await mgra.post("/m/core/staff/\(team.mgra)", form: ["real_name": "MGRA", "role_id": String(team.mgrRoleA)]).status == .seeOther)
            let ownRole = try await mgra.post("/m/core/staff/\(team.mgra)", form: ["real_name": "MGRA", "role_id": String(team.hnRoleA)])
            #expect(ownRole.status.code == 422 && HTMLProbe.fieldError("role_id", in: ownRole.text) == "不能修改自己的角色。")
            let role = try await t.db.select().column("role_id").from("core_user").where("id", .equal, team.hna).first(decodingColumn: "role_id", as: Int64.self)
            #expect(role == team.hnRoleA)
            #expect(try await mgra.post("/m/core/staff", form: newStaffForm("junior", role: team.hnRoleA)).status == .seeOther)
        }
    }

    // MARK: - Visibility

    @Test("a manager with edit/subtree opens and edits a subordinate; a peer's subordinate or a same-role peer is 404")
    func visibilityMatrix() async throws {
        let t = try await TestHost.make(modules: [])
        let team = try await team(t)
        try await t.test { client in
            var mgra = try await Browser.login(client, "mgra")
            let list = try await mgra.get("/m/core/staff")
            #expect(list.status == .ok)
            #expect(list.text.contains("hna") && !list.text.contains("hnb") && !list.text.contains("mgrb") && !list.text.contains("mgra2"))
            let edit = try await mgra.get("/m/core/staff/\(team.hna)/edit")
            #expect(edit.status == .ok && edit.text.contains("value=\"HNA\""))
            let saved = try await mgra.post("/m/core/staff/\(team.hna)", form: ["real_name": "新名字", "role_id": String(team.hnRoleA)])
            #expect(saved.status == .seeOther)
            #expect(try await t.userColumn("hna", "real_name") == "新名字")
            #expect(try await t.auditRows(action: "staff.update").first?.before_state?.contains("\"real_name\":\"HNA\"") == true)

            for hidden in [team.hnb, team.mgra2, team.mgrb, 999_999] {
                let page = try await mgra.get("/m/core/staff/\(hidden)/edit")
                #expect(page.status == .notFound)
                #expect(!page.text.contains("HNB") && !page.text.contains("MGRA2"))
                #expect(try await mgra.post("/m/core/staff/\(hidden)", form: ["real_name": "x", "role_id": String(team.hnRoleA)]).status == .notFound)
                #expect(try await mgra.post("/m/core/staff/\(hidden)/status").status == .notFound)
            }
            #expect(try await t.userColumn("hnb", "real_name") == "HNB")
            #expect(try await t.userColumn("hnb", "status") == "active")

            var mgrb = try await Browser.login(client, "mgrb")   // view, no edit
            #expect(try await mgrb.get("/m/core/staff").text.contains("hnb"))
            #expect(try await mgrb.get("/m/core/staff/\(team.hnb)/edit").status == .forbidden)
            #expect(try await mgrb.post("/m/core/staff/\(team.hnb)/status").status == .forbidden)
            #expect(try await mgrb.post("/m/core/staff/\(team.hnb)/password").status == .forbidden)
            #expect(try await mgrb.post("/m/core/staff", form: newStaffForm("nope", role: team.hnRoleB)).status == .forbidden)
            #expect(try await t.userColumn("hnb", "status") == "active")
            #expect(try await t.userID("nope") == 0)
            var hna = try await Browser.login(client, "hna")      // no staff grant at all
            #expect(try await hna.get("/m/core/staff").status == .forbidden)
        }
    }

    // MARK: - Search

    struct StaffList: Decodable {
        let total: Int
        let items: [Item]
        struct Item: Decodable { let login: String }
    }

    func logins(_ browser: inout Browser, _ query: String) async throws -> [String] {
        let page = try await browser.get("/api/core/staff?size=100&\(query)")
        return try JSONDecoder().decode(StaffList.self, from: Data(page.text.utf8)).items.map(\.login).sorted()
    }

    @Test("keyword, role and status filters narrow the list, in the page and the API")
    func search() async throws {
        let t = try await TestHost.make(modules: [])
        try await t.admin()
        let r1 = try await t.role("一组"), r2 = try await t.role("二组")
        try await t.staff("alpha1", role: r1)
        try await t.staff("beta22", role: r1, status: "disabled")
        let gamma = try await t.staff("gamma3", role: r2)
        try await t.db.update("core_user").set("mobile", to: "13912345678").where("id", .equal, gamma).run()
        try await t.test { client in
            var admin = try await Browser.login(client, "admin")
            #expect(try await logins(&admin, "") == ["admin", "alpha1", "beta22", "gamma3"])
            #expect(try await logins(&admin, "q=LPH") == ["alpha1"])
            #expect(try await logins(&admin, "q=1391234") == ["gamma3"])
            #expect(try await logins(&admin, "q=%25") == [])                        // % matches literally
            #expect(try await logins(&admin, "role=\(r1)") == ["alpha1", "beta22"])
            #expect(try await logins(&admin, "status=disabled") == ["beta22"])
            #expect(try await logins(&admin, "role=\(r1)&status=active") == ["alpha1"])
            let page = try await admin.get("/m/core/staff?role=\(r1)&status=active")
            #expect(page.status == .ok)
            #expect(page.text.contains("alpha1") && !page.text.contains("beta22") && !page.text.contains("gamma3"))
            let keyword = try await admin.get("/m/core/staff?q=gamma")
            #expect(keyword.text.contains("gamma3") && !keyword.text.contains("alpha1"))
        }
    }

    // MARK: - Scope "all", paging, escaping

    @Test("a role that may add staff but not edit them lands on the list after creating, not on a 403")
    func addWithoutEdit() async throws {
        let t = try await TestHost.make(modules: [])
        let desk = try await t.role("人事")
        let junior = try await t.role("新人", parent: desk)
        try await t.grant(desk, ["core.staff.view", "core.staff.add"])
        try await t.staff("hr", role: desk)
        try await t.test { client in
            var hr = try await Browser.login(client, "hr")
            let response = try await hr.post("/m/core/staff", form: newStaffForm("newbie", role: junior))
            #expect(response.status == .seeOther && response.location == "/m/core/staff")
            let list = try await hr.get(response.location ?? "/")
            #expect(list.status == .ok && list.text.contains("newbie"))
            #expect(HTMLProbe.flashes(in: list.text) == ["红娘账号已创建。"])
        }
    }

    @Test("with edit scope all, a manager corrects a superior's details keeping their role, but cannot move them into their own subtree")
    func scopeAllKeepsRole() async throws {
        let t = try await TestHost.make(modules: [])
        let team = try await team(t)
        try await t.db.update("core_grant").set("scope", to: "all").where("role_id", .equal, team.mgrRoleB).run()   // view: all
        try await t.grant(team.mgrRoleB, ["core.staff.edit"], scope: "all")
        let gm = try await t.staff("gm", role: team.gmRole)
        try await t.test { client in
            var mgrb = try await Browser.login(client, "mgrb")
            let form = try await mgrb.get("/m/core/staff/\(gm)/edit")
            #expect(form.status == .ok && form.text.contains("<option value=\"\(team.gmRole)\" selected>总经理</option>"))
            let kept = try await mgrb.post("/m/core/staff/\(gm)", form: ["real_name": "总经理", "mobile": "13700000000", "role_id": String(team.gmRole)])
            #expect(kept.status == .seeOther)
            #expect(try await t.userColumn("gm", "mobile") == "13700000000")
            let demoted = try await mgrb.post("/m/core/staff/\(gm)", form: ["real_name": "总经理", "role_id": String(team.hnRoleB)])
            #expect(demoted.status.code == 422)
            #expect(HTMLProbe.fieldError("role_id", in: demoted.text) == "只能分配您下级的角色。")
            let role = try await t.db.select().column("role_id").from("core_user").where("id", .equal, gm).first(decodingColumn: "role_id", as: Int64.self)
            #expect(role == team.gmRole)
            let moved = try await mgrb.post("/m/core/staff/\(team.hna)", form: ["real_name": "HNA", "role_id": String(team.hnRoleB)])
            #expect(moved.status.code == 422)    // 红娘A is not below 经理B: taking the member into one's own team is refused
        }
    }

    @Test("the staff list pages by the page size from the site settings")
    func paging() async throws {
        let t = try await TestHost.make(modules: [])
        try await t.admin()
        let role = try await t.role("红娘")
        for n in 1...7 { try await t.staff("s0\(n)", role: role) }
        try await t.db.insert(into: "core_setting").columns("key", "value").values(SQLBind("page_size.staff"), SQLBind("5")).run()
        try await t.db.update("core_version").set(SQLIdentifier("version"), to: SQLRaw("version + 1")).where("key", .equal, "site").run()
        try await t.test { client in
            var admin = try await Browser.login(client, "admin")
            let first = try await admin.get("/m/core/staff")
            #expect(first.text.contains("s04") && !first.text.contains("s05"))
            #expect(first.text.contains("共 8 条"))
            let second = try await admin.get("/m/core/staff?page=2")
            #expect(second.text.contains("s05") && second.text.contains("s07") && !second.text.contains("s04"))
        }
    }

    @Test("names with markup are shown as text on the staff list, the role tree, the grid and the dashboard")
    func escaping() async throws {
        let t = try await TestHost.make(modules: [])
        try await t.admin()
        let role = try await t.role("<b>组</b>")
        let id = try await t.staff("xss", role: role)
        try await t.db.update("core_user").set("real_name", to: "<script>alert(1)</script>").where("id", .equal, id).run()
        try await t.test { client in
            var admin = try await Browser.login(client, "admin")
            for uri in ["/m/core/staff", "/m/core/roles", "/m/core/roles/\(role)/permissions", "/m/core/staff/\(id)/edit"] {
                let page = try await admin.get(uri)
                #expect(!page.text.contains("<script>alert(1)</script>") && !page.text.contains("<b>组</b>"), "\(uri)")
            }
            #expect(try await admin.get("/m/core/staff").text.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
            var xss = try await Browser.login(client, "xss")
            let home = try await xss.get("/")
            #expect(!home.text.contains("<script>alert(1)</script>") && home.text.contains("&lt;b&gt;组&lt;/b&gt;"))
        }
    }
}
