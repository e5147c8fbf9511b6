import Foundation
import HostTesting
import PluginAPI
import SQLKit
import Testing

@Suite("referrals: generated pages")
struct ReferralPageTests {
    @Test("the owner sees her referral with its fields; her manager sees it through the subtree; a peer and another team get 404 and their lists leave it out")
    func visibility() async throws {
        let team = try await ReferralTeam.make()
        let member = try await team.member("alice01", owner: "hna")
        let mine = try await team.referral("张三", mobile: "13900000001", owner: "hna", referrer: member, reward: 12_850)
        let other = try await team.referral("李四", mobile: "13900000002", owner: "hnb", referrer: member)
        try await team.t.test { client in
            var hna = try await Browser.login(client, "hna")
            let list = try await hna.get("/m/referrals/referral")
            #expect(list.status == .ok)
            #expect(list.text.contains("张三") && !list.text.contains("李四"))
            #expect(list.text.contains("128.50") && list.text.contains("新推荐") && list.text.contains("alice01"))
            let detail = try await hna.get("/m/referrals/referral/\(mine)")
            #expect(detail.status == .ok)
            #expect(detail.text.contains("13900000001") && detail.text.contains("2026-11-20") && detail.text.contains("HNA"))
            #expect(try await hna.get("/m/referrals/referral/\(other)").status == .notFound)
            #expect(try await hna.get("/m/referrals/").location == "/m/referrals/referral")

            var peer = try await Browser.login(client, "hna2")
            #expect(try await peer.get("/m/referrals/referral/\(mine)").status == .notFound)
            #expect(try await peer.get("/m/referrals/referral/\(mine)/edit").status == .notFound)
            #expect(try await peer.post("/m/referrals/referral/\(mine)", form: ["referred_name": "改名"]).status == .notFound)
            #expect(!(try await peer.get("/m/referrals/referral").text.contains("张三")))
            #expect(try await team.row(mine)?.referred_name == "张三")

            var mgra = try await Browser.login(client, "mgra")
            #expect(try await mgra.get("/m/referrals/referral/\(mine)").status == .ok)
            #expect(try await mgra.get("/m/referrals/referral/\(other)").status == .notFound)
            let managerList = try await mgra.get("/m/referrals/referral").text
            #expect(managerList.contains("张三") && !managerList.contains("李四"))

            var gm = try await Browser.login(client, "gm")
            let all = try await gm.get("/m/referrals/referral").text
            #expect(all.contains("张三") && all.contains("李四"))

            var nobody = try await Browser.login(client, "nobody")
            #expect(try await nobody.get("/m/referrals/referral").status == .forbidden)
            #expect(try await nobody.get("/m/referrals/referral/\(mine)").status == .forbidden)
            #expect(try await nobody.get("/m/referrals/referral/new").status == .forbidden)
        }
    }

    @Test("delete: visible without the grant → 403 and the row stays; with it → gone and audited")
    func delete() async throws {
        let team = try await ReferralTeam.make()
        let member = try await team.member("alice01", owner: "hna")
        let mine = try await team.referral("张三", mobile: "13900000001", owner: "hna", referrer: member)
        try await team.t.test { client in
            var mgra = try await Browser.login(client, "mgra")
            #expect(!(try await mgra.get("/m/referrals/referral").text.contains("/referral/\(mine)/delete")))
            #expect(try await mgra.post("/m/referrals/referral/\(mine)/delete").status == .forbidden)
            #expect(try await team.row(mine) != nil)
            var gm = try await Browser.login(client, "gm")
            let list = try await gm.get("/m/referrals/referral").text
            #expect(list.contains("/m/referrals/referral/\(mine)/delete") && list.contains("data-confirm"))
            let deleted = try await gm.post("/m/referrals/referral/\(mine)/delete")
            #expect(deleted.status == .seeOther && deleted.location == "/m/referrals/referral")
            #expect(try await team.row(mine) == nil)
            let audit = try await team.t.auditRows(action: "referral.delete")
            #expect(audit.count == 1 && audit.first?.target == "referral:\(mine)" && audit.first?.module == "referrals")
            #expect(audit.first?.before_state?.contains("13900000001") == true)
        }
    }

    @Test("create: bad input → 422 with a message per field and nothing written; good input → the record, owned by its matchmaker, audited")
    func create() async throws {
        let team = try await ReferralTeam.make()
        let member = try await team.member("alice01", owner: "hna")
        try await team.t.test { client in
            var hna = try await Browser.login(client, "hna")
            let form = try await hna.get("/m/referrals/referral/new")
            #expect(form.status == .ok && form.text.contains("name=\"mobile\"") && form.text.contains("已入会"))
            let bad = try await hna.post("/m/referrals/referral", form: ["referrer": "", "referred_name": "", "mobile": "123", "status": "bogus",
                                                                         "reward": "12.345", "referred_on": "2026-02-30"])
            #expect(bad.status == .unprocessableContent)
            #expect(HTMLProbe.fieldError("referrer", in: bad.text, form: "referral-form") == "请填写推荐人（会员）。")
            #expect(HTMLProbe.fieldError("referred_name", in: bad.text, form: "referral-form") == "请填写被推荐人姓名。")
            #expect(HTMLProbe.fieldError("mobile", in: bad.text, form: "referral-form") == "被推荐人手机：请输入 11 位手机号码。")
            #expect(HTMLProbe.fieldError("status", in: bad.text, form: "referral-form") == "跟进状态：请从列表中选择。")
            #expect(HTMLProbe.fieldError("reward", in: bad.text, form: "referral-form") == "推荐奖励须为金额（元），如 128 或 128.50。")
            #expect(HTMLProbe.fieldError("referred_on", in: bad.text, form: "referral-form") == "推荐日期须为日期，格式 yyyy-MM-dd。")
            #expect(try await team.t.count("referrals_referral") == 0)

            let good = try await hna.post("/m/referrals/referral", form: [
                "referrer": String(member), "referred_name": "王五", "mobile": "13900000003", "status": "contacted",
                "reward": "200", "referred_on": "2026-11-28", "rewarded": "1", "remark": "朋友介绍",
            ])
            #expect(good.status == .seeOther)
            let saved = try #require(try await team.row(mobile: "13900000003"))
            #expect(good.location == "/m/referrals/referral/\(saved.id)")
            #expect(saved.row.referrer == member && saved.row.reward == 20_000 && saved.row.rewarded == 1 && saved.row.status == "contacted")
            #expect(saved.row.owner_id == team.id("hna") && saved.row.created_by == team.id("hna") && saved.row.remark == "朋友介绍")
            let audit = try #require(try await team.t.auditRows(action: "referral.create").first)
            #expect(audit.actor_login == "hna" && audit.target == "referral:\(saved.id)" && audit.after_state?.contains("王五") == true)

            // The same mobile again: the unique rule answers with a message, not an error page.
            let twice = try await hna.post("/m/referrals/referral", form: [
                "referrer": String(member), "referred_name": "王五二", "mobile": "13900000003", "status": "new", "referred_on": "2026-11-28",
            ])
            #expect(twice.status == .unprocessableContent)
            #expect(HTMLProbe.fieldError("mobile", in: twice.text, form: "referral-form") == "被推荐人手机“13900000003”已被其他记录使用。")
            #expect(try await team.t.count("referrals_referral") == 1)
        }
    }

    @Test("references: a member the user cannot see and a matchmaker outside her visibility are refused; a manager assigns to a subordinate")
    func references() async throws {
        let team = try await ReferralTeam.make()
        let hidden = try await team.member("bob02", owner: "hnb")
        let visible = try await team.member("alice01", owner: "hna")
        try await team.t.test { client in
            var hna = try await Browser.login(client, "hna")
            let refused = try await hna.post("/m/referrals/referral", form: [
                "referrer": String(hidden), "referred_name": "赵六", "mobile": "13900000004", "status": "new", "referred_on": "2026-11-28",
                "matchmaker": String(team.id("hnb")),
            ])
            #expect(refused.status == .unprocessableContent)
            #expect(HTMLProbe.fieldError("referrer", in: refused.text, form: "referral-form") == "推荐人（会员）：没有您可查看的会员 UID \(hidden)。")
            #expect(HTMLProbe.fieldError("matchmaker", in: refused.text, form: "referral-form") == "负责红娘：只能选择您可管理的员工。")
            #expect(try await team.t.count("referrals_referral") == 0)

            var mgra = try await Browser.login(client, "mgra")
            let assigned = try await mgra.post("/m/referrals/referral", form: [
                "referrer": String(visible), "referred_name": "赵六", "mobile": "13900000004", "status": "new", "referred_on": "2026-11-28",
                "matchmaker": String(team.id("hna")),
            ])
            #expect(assigned.status == .seeOther)
            let saved = try #require(try await team.row(mobile: "13900000004"))
            #expect(saved.row.owner_id == team.id("hna") && saved.row.created_by == team.id("mgra"))
            #expect(try await hna.get("/m/referrals/referral/\(saved.id)").status == .ok)
        }
    }

    @Test("edit: the owner changes her referral (audited before/after); filters narrow the list")
    func editAndSearch() async throws {
        let team = try await ReferralTeam.make()
        let member = try await team.member("alice01", owner: "hna")
        let first = try await team.referral("张三", mobile: "13900000001", owner: "hna", referrer: member)
        _ = try await team.referral("张小四", mobile: "13900000002", owner: "hna", referrer: member, status: "joined")
        try await team.t.test { client in
            var hna = try await Browser.login(client, "hna")
            let form = try await hna.get("/m/referrals/referral/\(first)/edit")
            #expect(form.status == .ok && form.text.contains("value=\"13900000001\""))
            let saved = try await hna.post("/m/referrals/referral/\(first)", form: [
                "referrer": String(member), "referred_name": "张三丰", "mobile": "13900000001", "status": "joined", "reward": "88.8",
                "referred_on": "2026-11-21",
            ])
            #expect(saved.status == .seeOther)
            let row = try #require(try await team.row(first))
            #expect(row.referred_name == "张三丰" && row.status == "joined" && row.reward == 8_880 && row.referred_on == "2026-11-21")
            let audit = try #require(try await team.t.auditRows(action: "referral.update").first)
            #expect(audit.before_state?.contains("张三") == true && audit.after_state?.contains("张三丰") == true)

            let joined = try await hna.get("/m/referrals/referral?status=joined&referred_name=%E5%BC%A0%E4%B8%89").text
            #expect(joined.contains("张三丰") && !joined.contains("张小四"))
            let dated = try await hna.get("/m/referrals/referral?referred_on_from=2026-11-21&referred_on_to=2026-11-30").text
            #expect(dated.contains("张三丰") && !dated.contains("张小四"))
        }
    }
}
