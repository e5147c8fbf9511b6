import Foundation
import HostTesting
import PluginAPI
import SQLKit
import Testing

@Suite("public pages: consultation form abuse paths, branding, matchmaker team, about us")
struct ConsultPublicTests {
    @Test("consultations per client address are limited per hour: 429 with a clear message, nothing stored")
    func rateLimit() async throws {
        let team = try await ConsultTeam.make(settings: ["consult": ["consult_limit": .int(2)]])
        try await team.t.test { client in
            var visitor = Browser(client)
            for mobile in ["13900000001", "13900000002"] {
                let page = try await visitor.get("/consult")
                let done = try await visitor.post("/consult", form: try ConsultTeam.form(page.text, mobile: mobile), csrf: false)
                #expect(done.status == .ok, "\(HTMLProbe.fieldErrorIDs(in: done.text))")
            }
            let page = try await visitor.get("/consult")
            let limited = try await visitor.post("/consult", form: try ConsultTeam.form(page.text, mobile: "13900000003"), csrf: false)
            #expect(limited.status == .tooManyRequests && limited.text.contains("请一小时后再试"))
            #expect(try await team.row(mobile: "13900000003") == nil)
            #expect(try await team.t.count("consult_consultation") == 2)
        }
    }

    @Test("a wrong answer to the challenge, a missing token or bad fields are refused with a message per field; nothing is stored")
    func challengeAndValidation() async throws {
        let team = try await ConsultTeam.make()
        try await team.t.test { client in
            var visitor = Browser(client)
            let page = try await visitor.get("/consult")
            var wrong = try ConsultTeam.form(page.text, mobile: "13900000011")
            wrong["answer"] = String((Int(wrong["answer"] ?? "") ?? 0) + 1)
            let refused = try await visitor.post("/consult", form: wrong, csrf: false)
            #expect(refused.status == .unprocessableContent)
            #expect(HTMLProbe.fieldError("answer", in: refused.text, form: "consult-form") == "计算结果不正确，请重新计算。")
            var noNonce = try ConsultTeam.form(page.text, mobile: "13900000012")
            noNonce["challenge"] = ""
            #expect(try await visitor.post("/consult", form: noNonce, csrf: false).status == .unprocessableContent)
            // A script posting without the visitor's CSRF token is stopped before anything else.
            var stranger = Browser(client)
            #expect(try await stranger.post("/consult", form: try ConsultTeam.form(page.text, mobile: "13900000013"), csrf: false).status == .badRequest)
            let bad = try await visitor.post("/consult", form: try ConsultTeam.form(page.text, name: "", mobile: "1234",
                                                                                  message: String(repeating: "长", count: 501)), csrf: false)
            #expect(HTMLProbe.fieldError("contact_name", in: bad.text, form: "consult-form") == "请填写联系人。")
            #expect(HTMLProbe.fieldError("mobile", in: bad.text, form: "consult-form") == "联系手机：请输入 11 位手机号码。")
            #expect(HTMLProbe.fieldError("message", in: bad.text, form: "consult-form") == "咨询内容长度须为 1–500 个字符。")
            #expect(try await team.t.count("consult_consultation") == 0)
        }
    }

    @Test("script in a visitor's message is shown as text on the staff pages")
    func scriptInMessage() async throws {
        let team = try await ConsultTeam.make()
        try await team.t.test { client in
            var visitor = Browser(client)
            let page = try await visitor.get("/consult")
            let script = "<script>alert('x')</script>你好"
            let done = try await visitor.post("/consult", form: try ConsultTeam.form(page.text, name: "<b>坏人</b>", mobile: "13900000021",
                                                                                   message: script), csrf: false)
            #expect(done.status == .ok)
            let (id, row) = try #require(try await team.row(mobile: "13900000021"))
            #expect(row.message == script)
            var desk = try await Browser.login(client, "desk")
            for path in ["/m/consult/\(id)", "/m/consult/allocation"] {
                let html = try await desk.get(path).text
                #expect(!html.contains("<script>alert") && !html.contains("<b>坏人</b>"), "\(path)")
                #expect(html.contains("&lt;script&gt;alert(&#39;x&#39;)") && html.contains("&lt;b&gt;坏人&lt;/b&gt;"), "\(path)")
            }
        }
    }

    @Test("about us shows the Settings text as escaped paragraphs; every public page carries the agency's branding")
    func aboutAndBranding() async throws {
        let team = try await ConsultTeam.make()
        try await team.site(["agency.name": "喜鹊婚恋", "agency.hotline": "400-123-4567",
                             "agency.about": "我们成立于 2010 年。\n专注婚恋服务。\n\n<script>alert(1)</script><img src=x onerror=alert(2)>"])
        try await team.t.test { client in
            var visitor = Browser(client)
            let about = try await visitor.get("/about")
            #expect(about.status == .ok)
            #expect(about.text.contains("<p>我们成立于 2010 年。<br>专注婚恋服务。</p>"))
            #expect(!about.text.contains("<script>alert(1)") && !about.text.contains("<img src=x"))
            #expect(about.text.contains("&lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=x onerror=alert(2)&gt;"))
            for path in ["/about", "/consult", "/matchmakers"] {
                let html = try await visitor.get(path).text
                #expect(html.contains("喜鹊婚恋") && html.contains("400-123-4567"), "\(path)")
                #expect(html.contains("href=\"/consult\"") && html.contains("href=\"/matchmakers\"") && html.contains("href=\"/about\""), "\(path)")
            }
        }
    }

    @Test("the matchmaker team lists only active staff shown on the public site, with only the contact details they chose")
    func matchmakers() async throws {
        let team = try await ConsultTeam.make()
        try await team.showPublic("hna", contacts: "mobile,wechat", motto: "让有情人终成眷属")
        try await team.showPublic("hnb", contacts: "", motto: "用心服务")
        try await team.showPublic("mgra", contacts: "email", status: "disabled")
        try await team.t.test { client in
            var visitor = Browser(client)
            let list = try await visitor.get("/matchmakers").text
            #expect(list.contains("HNA") && list.contains("HNB") && list.contains("让有情人终成眷属"))
            #expect(!list.contains("MGRA") && !list.contains("HNA2") && !list.contains(">GM<"))
            let hna = try #require(team.ids["hna"])
            let detail = try await visitor.get("/matchmakers/\(hna)").text
            #expect(detail.contains("13711112222") && detail.contains("hna_wx"))
            #expect(!detail.contains("hna@example.com") && !detail.contains("123456"))
            let hnb = try await visitor.get("/matchmakers/\(team.ids["hnb"] ?? 0)").text
            #expect(!hnb.contains("13711112222") && !hnb.contains("hnb_wx"))
            #expect(try await visitor.get("/matchmakers/\(team.ids["mgra"] ?? 0)").status == .notFound)
            #expect(try await visitor.get("/matchmakers/\(team.ids["hna2"] ?? 0)").status == .notFound)
        }
    }

    @Test("the matchmaker team is paged with the Settings page size")
    func matchmakerPaging() async throws {
        let team = try await ConsultTeam.make()
        try await team.showPublic("hna", contacts: "", motto: "让有情人终成眷属")
        try await team.showPublic("hnb", contacts: "", motto: "用心服务")
        try await team.site(["page_size.public_matchmakers": "1"])
        try await team.t.test { client in
            var visitor = Browser(client)
            let first = try await visitor.get("/matchmakers").text
            #expect(first.contains("让有情人终成眷属") && !first.contains("用心服务") && first.contains("href=\"/matchmakers?page=2\""))
            let second = try await visitor.get("/matchmakers?page=2").text
            #expect(second.contains("用心服务") && !second.contains("让有情人终成眷属"))
        }
    }

    @Test("a matchmaker chooses on her profile which contact details the public site shows; the staff form edits the same choice")
    func publicContactsChoice() async throws {
        let team = try await ConsultTeam.make()
        try await team.showPublic("hna", contacts: "")
        try await team.t.admin()
        try await team.t.test { client in
            var hna = try await Browser.login(client, "hna")
            let saved = try await hna.post("/m/core/profile", form: ["real_name": "李老师", "mobile": "13711112222", "qq": "123456",
                                                                    "wechat": "li_wx", "language": "zh-CN"],
                                           multi: [("public_contacts", "qq"), ("public_contacts", "wechat"), ("public_contacts", "bogus")])
            #expect(saved.status == .seeOther)
            #expect(try await team.t.userColumn("hna", "public_contacts") == "qq,wechat")
            var visitor = Browser(client)
            let page = try await visitor.get("/matchmakers/\(team.ids["hna"] ?? 0)").text
            #expect(page.contains("李老师") && page.contains("li_wx") && page.contains("123456") && !page.contains("13711112222"))
            var boss = try await Browser.login(client, "admin")
            let form = try await boss.get("/m/core/staff/\(team.ids["hna"] ?? 0)/edit").text
            #expect(form.contains("value=\"qq\" checked") || form.contains("value=\"qq\" checked=\"\""))
        }
    }
}
