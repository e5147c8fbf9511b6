import Foundation
import HostTesting
import PluginAPI
import SQLKit
import Testing

@Suite("consultation walk: visitor → allocator → matchmaker → member")
struct ConsultWalkTests {
    @Test("a visitor submits the form; the allocator assigns it with a remark; the matchmaker records a result, marks it processed and converts it into a member")
    func walk() async throws {
        let team = try await ConsultTeam.make()
        let hna = try #require(team.ids["hna"])
        try await team.t.test { client in
            // The visitor, through the real form and its arithmetic challenge.
            var visitor = Browser(client)
            let page = try await visitor.get("/consult")
            #expect(page.status == .ok && page.text.contains("name=\"contact_name\"") && page.text.contains("请计算："))
            let done = try await visitor.post("/consult", form: try ConsultTeam.form(page.text, name: "周女士", mobile: "13912345678"), csrf: false)
            #expect(done.status == .ok && done.text.contains("提交成功"), "\(HTMLProbe.fieldErrorIDs(in: done.text))")
            let (id, submitted) = try #require(try await team.row(mobile: "13912345678"))
            #expect(submitted.owner_id == nil && submitted.status == "pending" && submitted.contact_name == "周女士")

            // The allocator finds it waiting and allocates it to hna with a remark.
            var gm = try await Browser.login(client, "gm")
            let pool = try await gm.get("/m/consult/allocation")
            #expect(pool.status == .ok && pool.text.contains("周女士") && pool.text.contains("name=\"remark\""))
            let allocated = try await gm.post("/m/consult/allocate?list=allocation", form: ["to": String(hna), "remark": "本地客户，优先跟进"],
                                              multi: [("ids", String(id))])
            #expect(allocated.status == .seeOther && allocated.location == "/m/consult/allocation")
            #expect(try await team.row(id)?.owner_id == hna)
            let remark = try await team.t.db.select().column("remark").from("consult_allocation").where("consultation_id", .equal, id)
                .first(decodingColumn: "remark", as: String.self)
            #expect(remark == "本地客户，优先跟进")
            #expect(try await team.t.auditRows(action: "consultation.allocate").count == 1)
            #expect(!(try await gm.get("/m/consult/allocation").text.contains("周女士")))

            // The matchmaker sees it, records the result and marks it processed in one go.
            var matchmaker = try await Browser.login(client, "hna")
            #expect(try await matchmaker.get("/m/consult/").text.contains("周女士"))
            let detail = try await matchmaker.get("/m/consult/\(id)")
            #expect(detail.status == .ok && detail.text.contains("转为会员") && detail.text.contains("本地客户，优先跟进"))
            let saved = try await matchmaker.post("/m/consult/\(id)/result", form: ["result": "已电话沟通，同意登记为会员", "processed": "1"])
            #expect(saved.status == .seeOther)
            let processed = try #require(try await team.row(id))
            #expect(processed.status == "processed" && processed.result == "已电话沟通，同意登记为会员")
            #expect(try await matchmaker.get("/m/consult/processed").text.contains("周女士"))

            // Convert: Members' entry form, pre-filled, remembering the consultation.
            let convert = try await matchmaker.post("/m/consult/\(id)/convert")
            let location = try #require(convert.location)
            #expect(convert.status == .seeOther && location.hasPrefix("/m/members/new?"))
            let entry = try await matchmaker.get(location)
            #expect(entry.status == .ok && entry.text.contains("value=\"13912345678\"") && entry.text.contains("value=\"周女士\""))
            let origin = try #require(Browser.hiddenValue("origin_ref", in: entry.text))
            #expect(origin.hasPrefix("consultation:\(id):"))
            let created = try await matchmaker.post("/m/members/", form: [
                "username": "zhou_nvshi", "gender": "female", "birthday": "1994-06-01", "province": "440000", "real_name": "周女士",
                "mobile": "13912345678", "origin_ref": origin, "_return": Browser.hiddenValue("_return", in: entry.text) ?? "",
            ])
            #expect(created.status == .seeOther && created.location == "/m/consult/\(id)", "\(HTMLProbe.fieldErrorIDs(in: created.text))")
            struct Member: Decodable { let id: Int64; let source: String; let origin_ref: String; let owner_id: Int64? }
            let member = try #require(try await team.t.db.select().columns("id", "source", "origin_ref", "owner_id").from("members_member")
                .where("username", .equal, "zhou_nvshi").first(decoding: Member.self))
            #expect(member.source == "consultation" && member.origin_ref == "consultation:\(id)" && member.owner_id == hna)
            #expect(try await team.row(id)?.member_id == member.id)
            let linked = try await matchmaker.get("/m/consult/\(id)")
            #expect(linked.text.contains("href=\"/m/members/\(member.id)\"") && !linked.text.contains(">转为会员<"))
            #expect(try await team.t.auditRows(action: "consultation.convert").count == 1)
        }
    }

    @Test("a consultation addressed to a matchmaker from their public page goes to them directly, without allocation")
    func designated() async throws {
        let team = try await ConsultTeam.make()
        let hna = try #require(team.ids["hna"])
        try await team.showPublic("hna", contacts: "mobile")
        try await team.t.test { client in
            var visitor = Browser(client)
            let profile = try await visitor.get("/matchmakers/\(hna)")
            #expect(profile.status == .ok && profile.text.contains("href=\"/consult?matchmaker=\(hna)\""))
            let page = try await visitor.get("/consult?matchmaker=\(hna)")
            #expect(page.text.contains("您正在联系红娘 HNA") && Browser.hiddenValue("designated", in: page.text) == String(hna))
            let done = try await visitor.post("/consult", form: try ConsultTeam.form(page.text, name: "林先生", mobile: "13600001111"), csrf: false)
            #expect(done.status == .ok)
            let (id, row) = try #require(try await team.row(mobile: "13600001111"))
            #expect(row.owner_id == hna && row.designated_id == hna)
            var gm = try await Browser.login(client, "gm")
            #expect(!(try await gm.get("/m/consult/allocation").text.contains("林先生")))
            var matchmaker = try await Browser.login(client, "hna")
            #expect(try await matchmaker.get("/m/consult/").text.contains("林先生"))
            let dashboard = try await matchmaker.get("/")
            #expect(dashboard.text.contains("分配给我的待处理咨询") && dashboard.text.contains("/m/consult/?owner=\(hna)"))
            #expect(try await matchmaker.get("/m/consult/\(id)").status == .ok)
            // A matchmaker who is not on the public site cannot be named by a forged post.
            let hnb = try #require(team.ids["hnb"])
            let again = try await visitor.get("/consult")
            let forged = try await visitor.post("/consult", form: try ConsultTeam.form(again.text, mobile: "13600002222", extra: ["designated": String(hnb)]),
                                                csrf: false)
            #expect(forged.status == .unprocessableContent && HTMLProbe.fieldError("designated", in: forged.text, form: "consult-form") != nil)
            #expect(try await team.row(mobile: "13600002222") == nil)
        }
    }
}
