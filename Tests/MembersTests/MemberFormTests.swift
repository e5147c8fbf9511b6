import HostTesting
import HummingbirdTesting
import Members
import SQLKit
import Testing

@Suite("member entry form")
struct MemberFormTests {
    func form(_ extra: [String: String] = [:]) -> [String: String] {
        ["username": "小雨点", "gender": "female", "birthday": "1994-03-08", "province": "440000", "city": "440300", "district": "440305",
         "mobile": "13912345678", "education": "bachelor", "height": "165", "customer_status": "searching"].merging(extra) { _, new in new }
    }

    @Test("a matchmaker enters a member: it belongs to them, the summary reads 女 …岁 … 本科 165CM, and it is audited")
    func create() async throws {
        let team = try await MembersTeam.make()
        try await team.t.test { client in
            var hnA = try await Browser.login(client, "hna")
            let response = try await hnA.post("/m/members/", form: form(["id_card": idCard(birthday: "1994-03-08", male: false)]))
            #expect(response.status == .seeOther, "\(HTMLProbe.fieldErrorIDs(in: response.text)) \(response.text.components(separatedBy: "field-error").dropFirst().map { $0.prefix(120) })")
            let id = try await team.t.db.select().column("id").from("members_member").where("username", .equal, "小雨点")
                .first(decodingColumn: "id", as: Int64.self) ?? 0
            #expect(try await team.owner(of: id) == team.ids["hna"])
            let page = try await hnA.get("/m/members/\(id)").text
            #expect(page.contains("女") && page.contains("本科") && page.contains("165CM") && page.contains("南山区"))
            var hnB = try await Browser.login(client, "hnb")
            #expect(try await hnB.get("/m/members/\(id)").status == .notFound)
            #expect(try await team.t.auditRows(action: "member.create").count == 1)
        }
    }

    @Test("bad input gets one message per field and nothing is stored")
    func validation() async throws {
        let team = try await MembersTeam.make()
        try await team.t.test { client in
            var hnA = try await Browser.login(client, "hna")
            let response = try await hnA.post("/m/members/", form: form(["username": "a", "mobile": "12345", "height": "400", "city": "110100",
                                                                         "id_card": "440305199403081234"]))
            #expect(response.status.code == 422)
            #expect(response.text.contains("用户名长度须为 3–16 个字符"))
            #expect(response.text.contains("请输入 11 位手机号码"))
            #expect(response.text.contains("身高(CM)须为 100 到 250 之间的整数"))
            #expect(response.text.contains("地区无效或与上级地区不符"))
            #expect(response.text.contains("身份证号须为 18 位且校验位正确"))
            let count = try await team.t.db.select().column("id").from("members_member").where("username", .equal, "a").all().count
            #expect(count == 0)
        }
    }

    @Test("an ID card whose birthday or gender disagrees with the form is refused with the date it holds")
    func idCardCrossCheck() async throws {
        let team = try await MembersTeam.make()
        try await team.t.test { client in
            var hnA = try await Browser.login(client, "hna")
            let card = idCard(birthday: "1990-01-02", male: true)
            let response = try await hnA.post("/m/members/", form: form(["id_card": card]))
            #expect(response.status.code == 422)
            #expect(response.text.contains("身份证上为 1990-01-02"))
            #expect(response.text.contains("性别与身份证号不符"))
        }
    }

    @Test("username, mobile and ID card are unique; the live check says so")
    func uniqueness() async throws {
        let team = try await MembersTeam.make()
        try await team.t.test { client in
            var hnA = try await Browser.login(client, "hna")
            // 13800000004 is hna's own member's.
            let response = try await hnA.post("/m/members/", form: form(["username": "u_hnb", "mobile": "13800000004"]))
            #expect(response.text.contains("该用户名已被使用") && response.text.contains("该手机号已登记"))
            let check = try await hnA.json(.post, "/m/members/check", body: #"{"field":"mobile","value":"13800000004"}"#).text
            #expect(check.contains("\"ok\":false") && check.contains("该手机号已登记"))
            let free = try await hnA.json(.post, "/m/members/check", body: #"{"field":"mobile","value":"13811112222"}"#).text
            #expect(free.contains("\"ok\":true"))
            // Editing that member, its own number is not "taken".
            let own = try #require(team.members["hna"])
            let except = try await hnA.json(.post, "/m/members/check", body: #"{"field":"mobile","value":"13800000004","except":"\#(own)"}"#).text
            #expect(except.contains("\"ok\":true"))
        }
    }

    @Test("the staff check does not reveal a member the caller cannot see; saving that number is refused without saying it is registered")
    func staffCheckHidesInvisibleMembers() async throws {
        let team = try await MembersTeam.make()
        try await team.t.test { client in
            // 13800000005 is hnb's member's: hna (own scope) cannot see it, mgrb (hnb's manager) can.
            var hnA = try await Browser.login(client, "hna")
            let hidden = try await hnA.json(.post, "/m/members/check", body: #"{"field":"mobile","value":"13800000005"}"#)
            let free = try await hnA.json(.post, "/m/members/check", body: #"{"field":"mobile","value":"13811112222"}"#)
            #expect(hidden.status == .ok && hidden.text == free.text && Browser.object(hidden)["ok"] as? Bool == true)
            var mgrB = try await Browser.login(client, "mgrb")
            let seen = try await mgrB.json(.post, "/m/members/check", body: #"{"field":"mobile","value":"13800000005"}"#)
            #expect(Browser.object(seen)["ok"] as? Bool == false && Browser.object(seen)["message"] as? String == "该手机号已登记。")
            // The unallocated pool's member is invisible to hna too.
            let pool = try await hnA.json(.post, "/m/members/check", body: #"{"field":"mobile","value":"13900000001"}"#)
            #expect(Browser.object(pool)["ok"] as? Bool == true)
            // Saving refuses the number, neutrally; nothing is stored.
            let saved = try await hnA.post("/m/members/", form: form(["mobile": "13800000005"]))
            #expect(saved.status.code == 422)
            #expect(saved.text.contains("此号码不能使用，请核对，或联系管理员。") && HTMLProbe.fieldErrorIDs(in: saved.text).contains { $0.hasSuffix("-mobile") })
            #expect(!saved.text.contains("已登记"))
            #expect(try await team.t.count("members_member", where: "mobile", "13800000005") == 1)
            #expect(try await team.t.count("members_member", where: "username", "小雨点") == 0)
            // The check is a POST with the session's token: the GET with the number in the URL is gone, no token is refused.
            let old = try await hnA.get("/m/members/check?field=mobile&value=13800000005")
            #expect(old.status != .ok && !old.text.contains("\"ok\""))
            let refused = try await hnA.json(.post, "/m/members/check", body: #"{"field":"mobile","value":"13800000004"}"#, token: nil)
            #expect(refused.status == .badRequest && !refused.text.contains("\"ok\""))
        }
    }

    @Test("the form binds only its fields: owner, signed and source cannot be set by posting them")
    func massAssignment() async throws {
        let team = try await MembersTeam.make()
        try await team.t.test { client in
            var hnA = try await Browser.login(client, "hna")
            _ = try await hnA.post("/m/members/", form: form(["owner_id": String(team.ids["gm"]!), "signed": "1", "source": "api"]))
            struct Row: Decodable { let owner_id: Int64?; let signed: Int; let source: String }
            let row = try await team.t.db.select().columns("owner_id", "signed", "source").from("members_member").where("username", .equal, "小雨点")
                .first(decoding: Row.self)
            #expect(row?.owner_id == team.ids["hna"] && row?.signed == 0 && row?.source == "staff")
        }
    }
}
