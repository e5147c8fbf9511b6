import Foundation
import HostTesting
import PluginAPI
import SQLKit
import Testing

@Suite("front member registration (/register)")
struct RegistrationTests {
    /// The answer to the arithmetic question on the page, as a visitor reads it ("请计算：3 + 5 = ?").
    static func answer(_ html: String) throws -> String {
        let marker = try #require(html.range(of: "请计算："))
        let rest = html[marker.upperBound...]
        let parts = rest.prefix(12).split(separator: " ")
        let a = try #require(Int(parts[0])), b = try #require(Int(parts[2]))
        return String(a + b)
    }

    static func form(_ html: String, username: String, extra: [String: String] = [:]) throws -> [String: String] {
        var form = ["_csrf": Browser.hiddenValue("_csrf", in: html) ?? "", "challenge": Browser.hiddenValue("challenge", in: html) ?? "",
                    "answer": try answer(html), "username": username, "password": "secret99", "gender": "female", "birthday": "1996-03-04",
                    "province": "440000", "mobile": "13912345678", "real_name": "周雪"]
        form.merge(extra) { _, new in new }
        return form
    }

    @Test("a visitor registers; the member is unallocated, from the front desk, and in Members' pre-sale allocation list")
    func register() async throws {
        let team = try await PreSaleTeam.make()
        try await team.t.test { client in
            var visitor = Browser(client)
            let page = try await visitor.get("/register")
            #expect(page.status == .ok && page.text.contains("会员登记") && page.text.contains("data-check-url=\"/register/check?field=mobile\""))
            #expect(visitor.cookies["yl_pre"] != nil)
            let done = try await visitor.post("/register", form: try Self.form(page.text, username: "front_girl"), csrf: false)
            #expect(done.status == .ok && done.text.contains("登记成功"))
            struct Row: Decodable { let source: String; let owner_id: Int64?; let mobile: String?; let password_hash: String? }
            let row = try #require(try await team.t.db.select().columns("source", "owner_id", "mobile", "password_hash").from("members_member")
                .where("username", .equal, "front_girl").first(decoding: Row.self))
            #expect(row.source == "front_registration" && row.owner_id == nil && row.mobile == "13912345678" && row.password_hash?.hasPrefix("$2") == true)
            var gm = try await Browser.login(client, "gm")
            let pool = try await gm.get("/m/members/allocation/presale?state=unallocated").text
            #expect(pool.contains("front_girl"))
            // The username is now taken: the live check and the form say so; the mobile is not named (see below).
            let token = try #require(Browser.hiddenValue("_csrf", in: page.text))
            let check = try await visitor.json(.post, "/register/check", body: #"{"field":"username","value":"front_girl"}"#, token: token).text
            #expect(check.contains("\"ok\":false") && check.contains("该用户名已被使用"))
            let again = try await visitor.get("/register")
            let second = try await visitor.post("/register", form: try Self.form(again.text, username: "front_girl"), csrf: false)
            #expect(second.status == .unprocessableContent)
            #expect(HTMLProbe.fieldError("username", in: second.text, form: "register-form") != nil)
            #expect(HTMLProbe.fieldError("mobile", in: second.text, form: "register-form") == nil)
        }
    }

    @Test("the administrator's required fields are enforced; ID card checksum; wrong arithmetic answer is refused")
    func requiredFields() async throws {
        let team = try await PreSaleTeam.make()
        try await team.t.test { client in
            var gm = try await Browser.login(client, "gm")
            let settings = try await gm.get("/m/presale/registration")
            #expect(settings.status == .ok && settings.text.contains("value=\"education\""))
            let saved = try await gm.post("/m/presale/registration", multi: [("required", "education"), ("required", "id_card")])
            #expect(saved.status == .seeOther)
            var hna = try await Browser.login(client, "hna")
            #expect(try await hna.get("/m/presale/registration").status == .forbidden)

            var visitor = Browser(client)
            let page = try await visitor.get("/register")
            // Required marks follow the setting: education and ID card now, mobile no longer.
            #expect(page.text.contains("<label for=\"f-register-form-education\">学历 <span class=\"req\""))
            #expect(page.text.contains("<label for=\"f-register-form-mobile\">手机号</label>"))
            let missing = try await visitor.post("/register", form: try Self.form(page.text, username: "needs_edu", extra: ["mobile": ""]), csrf: false)
            #expect(missing.status == .unprocessableContent)
            #expect(HTMLProbe.fieldError("education", in: missing.text, form: "register-form") == "请填写学历。")
            #expect(HTMLProbe.fieldError("id_card", in: missing.text, form: "register-form") == "请填写身份证号。")
            #expect(HTMLProbe.fieldError("mobile", in: missing.text, form: "register-form") == nil)
            let badCard = try await visitor.post("/register", form: try Self.form(missing.text, username: "needs_edu",
                                                                                 extra: ["education": "bachelor", "id_card": "440305199603041234"]), csrf: false)
            #expect(HTMLProbe.fieldError("id_card", in: badCard.text, form: "register-form")?.contains("身份证") == true)
            var wrong = try Self.form(badCard.text, username: "needs_edu", extra: ["education": "bachelor"])
            wrong["answer"] = String((Int(wrong["answer"]!) ?? 0) + 1)
            let refused = try await visitor.post("/register", form: wrong, csrf: false)
            #expect(HTMLProbe.fieldError("answer", in: refused.text, form: "register-form") == "计算结果不正确，请重新计算。")
            #expect(try await team.t.count("members_member", where: "username", "needs_edu") == 0)
        }
    }

    @Test("registrations per client address are limited per hour with a clear message")
    func rateLimit() async throws {
        let team = try await PreSaleTeam.make(settings: ["presale": ["register_limit": .int(2)]])
        try await team.t.test { client in
            var visitor = Browser(client)
            var html = try await visitor.get("/register").text
            for (index, name) in ["first_one", "second_one"].enumerated() {
                let done = try await visitor.post("/register", form: try Self.form(html, username: name, extra: ["mobile": "1391234560\(index)"]),
                                                  csrf: false)
                #expect(done.status == .ok, "\(HTMLProbe.fieldErrorIDs(in: done.text)) \(HTMLProbe.flashes(in: done.text))")
                html = try await visitor.get("/register").text
            }
            let limited = try await visitor.post("/register", form: try Self.form(html, username: "third_one", extra: ["mobile": "13912345609"]), csrf: false)
            #expect(limited.status == .tooManyRequests && limited.text.contains("一小时后再试"))
            #expect(try await team.t.count("members_member", where: "username", "third_one") == 0)
        }
    }

    // MARK: member enumeration

    /// A valid ID card number for a birthday (a woman's), computing the check character like the real rule.
    static func idCard(birthday: String) -> String {
        let first17 = "440305" + birthday.replacingOccurrences(of: "-", with: "") + "122"
        let weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
        let sum = zip(first17.compactMap(\.wholeNumberValue), weights).reduce(0) { $0 + $1.0 * $1.1 }
        return first17 + String(Array("10X98765432")[sum % 11])
    }

    /// A member holding `mobile` and `idCard`, as a visitor could not know.
    static func memberWithContacts(_ team: PreSaleTeam, mobile: String, idCard: String) async throws {
        let id = try await team.member("has_contacts", owner: team.ids["hnb"])
        try await team.t.db.update("members_member").set("mobile", to: mobile).set("id_card", to: idCard).where("id", .equal, id).run()
    }

    @Test("the public check does not reveal whether a mobile or ID card number belongs to a member; it checks only their format")
    func publicCheckDoesNotRevealMembers() async throws {
        let team = try await PreSaleTeam.make()
        let card = Self.idCard(birthday: "1995-05-20"), freeCard = Self.idCard(birthday: "1996-03-04")
        try await Self.memberWithContacts(team, mobile: "13912345678", idCard: card)
        try await team.t.test { client in
            var visitor = Browser(client)
            let page = try await visitor.get("/register")
            let token = try #require(Browser.hiddenValue("_csrf", in: page.text))
            func ask(_ field: String, _ value: String) async throws -> Browser.Page {
                try await visitor.json(.post, "/register/check", body: #"{"field":"\#(field)","value":"\#(value)"}"#, token: token)
            }
            let memberMobile = try await ask("mobile", "13912345678"), freeMobile = try await ask("mobile", "13987654321")
            #expect(memberMobile.status == .ok && memberMobile.text == freeMobile.text)
            #expect(Browser.object(memberMobile)["ok"] as? Bool == true && Browser.object(memberMobile)["message"] as? String == "")
            let memberCard = try await ask("id_card", card), otherCard = try await ask("id_card", freeCard)
            #expect(memberCard.status == .ok && memberCard.text == otherCard.text && Browser.object(memberCard)["ok"] as? Bool == true)
            // The format is still checked: a wrong checksum or a short number is answered with the rule.
            let badCard = try await ask("id_card", "440305199603041234")
            #expect(Browser.object(badCard)["ok"] as? Bool == false && (Browser.object(badCard)["message"] as? String)?.contains("身份证") == true)
            let shortMobile = try await ask("mobile", "12345")
            #expect(Browser.object(shortMobile)["ok"] as? Bool == false)
            // The username is still looked up.
            let taken = try await ask("username", "has_contacts")
            #expect(Browser.object(taken)["ok"] as? Bool == false && (Browser.object(taken)["message"] as? String) == "该用户名已被使用。")
            // The old GET with the number in the URL is gone, and a POST without the page's token is refused.
            let old = try await visitor.get("/register/check?field=mobile&value=13912345678")
            #expect(old.status != .ok && !old.text.contains("\"ok\""))
            let noToken = try await visitor.json(.post, "/register/check", body: #"{"field":"username","value":"has_contacts"}"#, token: nil)
            #expect(noToken.status == .badRequest && !noToken.text.contains("\"ok\""))
        }
    }

    @Test("a registration with a member's mobile or ID card number is refused with a neutral message that does not say it is registered")
    func duplicateContactsRefusedNeutrally() async throws {
        let team = try await PreSaleTeam.make()
        let card = Self.idCard(birthday: "1995-05-20")
        try await Self.memberWithContacts(team, mobile: "13912345678", idCard: card)
        try await team.t.test { client in
            var visitor = Browser(client)
            for extra in [["mobile": "13912345678"], ["mobile": "13900000009", "id_card": card, "birthday": "1995-05-20"]] {
                let page = try await visitor.get("/register")
                let refused = try await visitor.post("/register", form: try Self.form(page.text, username: "curious_one", extra: extra), csrf: false)
                #expect(refused.status == .unprocessableContent)
                #expect(HTMLProbe.fieldErrorIDs(in: refused.text).isEmpty, "\(HTMLProbe.fieldErrorIDs(in: refused.text))")
                #expect(refused.text.contains("登记未能完成，请核对您填写的资料，或直接联系我们。"))
                #expect(!refused.text.contains("已登记") && !refused.text.contains("已被使用"))
            }
            #expect(try await team.t.count("members_member", where: "username", "curious_one") == 0)
            #expect(try await team.t.count("members_member", where: "mobile", "13912345678") == 1)
        }
    }

    // MARK: single-use challenge

    @Test("a challenge answer cannot be used twice: the same nonce and answer posted again is refused and nothing more is stored")
    func challengeUsedOnce() async throws {
        let team = try await PreSaleTeam.make()
        try await team.t.test { client in
            var visitor = Browser(client)
            let page = try await visitor.get("/register")
            let first = try await visitor.post("/register", form: try Self.form(page.text, username: "first_girl", extra: ["mobile": "13911110001"]),
                                               csrf: false)
            #expect(first.status == .ok && first.text.contains("登记成功"))
            let replay = try await visitor.post("/register", form: try Self.form(page.text, username: "second_girl", extra: ["mobile": "13911110002"]),
                                                csrf: false)
            #expect(replay.status == .unprocessableContent)
            #expect(HTMLProbe.fieldError("answer", in: replay.text, form: "register-form") == "计算结果不正确，请重新计算。")
            #expect(try await team.t.count("members_member", where: "username", "second_girl") == 0)
            // The page shown again carries a new challenge, which works.
            let fresh = try #require(Browser.hiddenValue("challenge", in: replay.text))
            #expect(fresh != Browser.hiddenValue("challenge", in: page.text))
            let third = try await visitor.post("/register", form: try Self.form(replay.text, username: "second_girl", extra: ["mobile": "13911110002"]),
                                               csrf: false)
            #expect(third.status == .ok)
        }
    }
}
