import Foundation
import HostTesting
import PluginAPI
import SQLKit
import Testing

@Suite("consultation visibility and actions")
struct ConsultVisibilityTests {
    @Test("an assigned consultation: its matchmaker and her manager see it; a peer and another team get 404; the list shows only visible ones")
    func owned() async throws {
        let team = try await ConsultTeam.make()
        let mine = try await team.consultation("红娘A的客户", owner: team.ids["hna"])
        let other = try await team.consultation("红娘B的客户", mobile: "13700000002", owner: team.ids["hnb"])
        try await team.t.test { client in
            var hna = try await Browser.login(client, "hna")
            let list = try await hna.get("/m/consult/").text
            #expect(list.contains("红娘A的客户") && !list.contains("红娘B的客户"))
            #expect(try await hna.get("/m/consult/\(mine)").status == .ok)
            #expect(try await hna.get("/m/consult/\(other)").status == .notFound)
            var peer = try await Browser.login(client, "hna2")
            #expect(try await peer.get("/m/consult/\(mine)").status == .notFound)
            #expect(try await peer.post("/m/consult/\(mine)/important").status == .notFound)
            #expect(!(try await peer.get("/m/consult/").text.contains("红娘A的客户")))
            var mgra = try await Browser.login(client, "mgra")
            #expect(try await mgra.get("/m/consult/\(mine)").status == .ok)
            #expect(try await mgra.get("/m/consult/\(other)").status == .notFound)
            // Visible but without the delete grant: 403, and the row stays.
            #expect(try await mgra.post("/m/consult/\(mine)/delete").status == .forbidden)
            #expect(try await team.row(mine) != nil)
            // The owner edits: importance and details, validated per field.
            #expect(try await hna.post("/m/consult/\(mine)/important?back=pending").location == "/m/consult/")
            #expect(try await team.row(mine)?.important == 1)
            let bad = try await hna.post("/m/consult/\(mine)", form: ["contact_name": "", "mobile": "123", "message": "x"])
            #expect(bad.status == .unprocessableContent)
            #expect(HTMLProbe.fieldError("contact_name", in: bad.text, form: "consult-edit") == "请填写联系人。")
            #expect(HTMLProbe.fieldError("mobile", in: bad.text, form: "consult-edit") == "联系手机：请输入 11 位手机号码。")
            #expect(try await team.row(mine)?.mobile == "13700000001")
            let edited = try await hna.post("/m/consult/\(mine)", form: ["contact_name": "王女士", "mobile": "13700000009", "message": "改过的留言"])
            #expect(edited.status == .seeOther)
            #expect(try await team.row(mine)?.mobile == "13700000009")
            // The superior with delete removes it (confirmed in the UI), audited.
            var gm = try await Browser.login(client, "gm")
            #expect(try await gm.post("/m/consult/\(other)/delete").status == .seeOther)
            #expect(try await team.row(other) == nil)
            #expect(try await team.t.auditRows(action: "consultation.delete").count == 1)
        }
    }

    @Test("an unassigned consultation is visible only to users holding allocate; a role without the grant gets 403")
    func unassigned() async throws {
        let team = try await ConsultTeam.make()
        let open = try await team.consultation("待分配客户")
        let nobody = try await team.t.role("无权限")
        try await team.t.staff("nobody", role: nobody)
        try await team.t.test { client in
            for login in ["hna", "mgra"] {
                var user = try await Browser.login(client, login)
                #expect(try await user.get("/m/consult/\(open)").status == .notFound, "\(login)")
                #expect(!(try await user.get("/m/consult/").text.contains("待分配客户")), "\(login)")
                #expect(try await user.get("/m/consult/allocation").status == .forbidden, "\(login)")
                #expect(try await user.post("/m/consult/allocate", form: ["to": String(team.ids["hna"] ?? 0)], multi: [("ids", String(open))]).status
                        == .forbidden, "\(login)")
            }
            var desk = try await Browser.login(client, "desk")
            #expect(try await desk.get("/m/consult/\(open)").status == .ok)
            #expect(try await desk.get("/m/consult/allocation").text.contains("待分配客户"))
            // The desk may allocate but not edit: the result form is not offered and posting it is 403.
            #expect(try await desk.post("/m/consult/\(open)/result", form: ["result": "x"]).status == .forbidden)
            var none = try await Browser.login(client, "nobody")
            #expect(try await none.get("/m/consult/").status == .forbidden)
        }
    }

    @Test("a batch allocation with one consultation the allocator cannot reach is refused whole; a bad target and no selection get field messages")
    func allocationRules() async throws {
        let team = try await ConsultTeam.make()
        let open = try await team.consultation("池中客户")
        let foreign = try await team.consultation("B组客户", mobile: "13700000003", owner: team.ids["hnb"])
        let hna = try #require(team.ids["hna"])
        // 经理A may allocate within his subtree only.
        let mgrA = try #require(try await team.t.db.select().column("id").from("core_role").where("name", .equal, "经理A")
            .first(decodingColumn: "id", as: Int64.self))
        try await team.t.grant(mgrA, ["consult.consultation.allocate"])
        try await team.t.test { client in
            var mgra = try await Browser.login(client, "mgra")
            #expect(try await mgra.post("/m/consult/allocate", form: ["to": String(hna)], multi: [("ids", String(open)), ("ids", String(foreign))])
                .status == .notFound)
            #expect(try await team.row(open)?.owner_id == nil)
            #expect(try await team.row(foreign)?.owner_id == team.ids["hnb"])
            let none = try await mgra.post("/m/consult/allocate?list=allocation", form: ["to": String(hna)])
            #expect(none.status == .unprocessableContent && none.text.contains("请先勾选咨询。"))
            let badTarget = try await mgra.post("/m/consult/allocate?list=allocation", form: ["to": String(team.ids["hnb"] ?? 0)],
                                                multi: [("ids", String(open))])
            #expect(badTarget.status == .unprocessableContent && HTMLProbe.fieldError("to", in: badTarget.text) == "只能分配给您可见的在职红娘。")
            let fine = try await mgra.post("/m/consult/allocate?consultation=\(open)", form: ["to": String(hna), "remark": "单条分配"],
                                           multi: [("ids", String(open))])
            #expect(fine.status == .seeOther && fine.location == "/m/consult/\(open)")
            #expect(try await team.row(open)?.owner_id == hna)
            #expect(try await team.t.count("consult_allocation", where: "consultation_id", open) == 1)
        }
    }

    @Test("a consultation whose mobile a member has: the visible member is shown and can be linked; an invisible one is only mentioned")
    func sameMobile() async throws {
        let team = try await ConsultTeam.make()
        let hnaMember = try await team.t.db.insert(into: "members_member")
            .columns("username", "gender", "birthday", "province", "mobile", "owner_id", "registered_at")
            .values(SQLBind("known_one"), SQLBind("female"), SQLBind("1995-01-01"), SQLBind("440000"), SQLBind("13811112222"),
                    SQLBind(team.ids["hna"]), SQLBind(Int64(0)))
            .returning("id").first(decodingColumn: "id", as: Int64.self) ?? 0
        _ = try await team.t.db.insert(into: "members_member")
            .columns("username", "gender", "birthday", "province", "mobile", "owner_id", "registered_at")
            .values(SQLBind("hidden_one"), SQLBind("male"), SQLBind("1990-01-01"), SQLBind("440000"), SQLBind("13811113333"),
                    SQLBind(team.ids["hnb"]), SQLBind(Int64(0))).run()
        let known = try await team.consultation("老会员", mobile: "13811112222", owner: team.ids["hna"])
        let hidden = try await team.consultation("别组会员", mobile: "13811113333", owner: team.ids["hna"])
        try await team.t.test { client in
            var hna = try await Browser.login(client, "hna")
            let page = try await hna.get("/m/consult/\(known)").text
            #expect(page.contains("该手机号已是会员") && page.contains("href=\"/m/members/\(hnaMember)\"") && !page.contains(">转为会员<"))
            #expect(try await hna.post("/m/consult/\(known)/link").status == .seeOther)
            #expect(try await team.row(known)?.member_id == hnaMember)
            let other = try await hna.get("/m/consult/\(hidden)").text
            #expect(other.contains("已有会员使用此手机号") && !other.contains("hidden_one"))
            #expect(try await hna.post("/m/consult/\(hidden)/link").status == .conflict)
            #expect(try await team.row(hidden)?.member_id == nil)
        }
    }

    @Test("a forged origin on Members' form does not attach a member to a consultation")
    func forgedOrigin() async throws {
        let team = try await ConsultTeam.make()
        let theirs = try await team.consultation("B组客户", mobile: "13700000004", owner: team.ids["hnb"])
        try await team.t.test { client in
            var hna = try await Browser.login(client, "hna")
            let created = try await hna.post("/m/members/", form: [
                "username": "forged_one", "gender": "female", "birthday": "1994-06-01", "province": "440000",
                "origin_ref": "consultation:\(theirs):deadbeef",
            ])
            #expect(created.status == .seeOther)
            #expect(try await team.row(theirs)?.member_id == nil)
        }
    }
}
