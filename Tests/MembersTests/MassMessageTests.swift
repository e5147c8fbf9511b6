import Foundation
@testable import Host
import HostTesting
@testable import Members
import SQLKit
import Testing

@Suite("mass messages")
struct MassMessageTests {
    static func team() async throws -> MembersTeam {
        var team = try await MembersTeam.make()
        let mass = ["members.massMessage.send", "members.massMessage.view", "members.messageTemplate.view", "members.messageTemplate.add",
                    "members.messageTemplate.edit", "members.messageTemplate.delete"]
        try await team.t.grant(roleOf: "hna", mass, scope: "own")
        try await team.t.grant(roleOf: "hnb", mass, scope: "own")
        let hna = team.ids["hna"]!
        team.members["opted"] = try await team.member("m_opted", owner: hna)
        team.members["nomail"] = try await team.member("m_nomail", owner: hna)
        team.members["male"] = try await team.member("m_male", owner: hna, gender: "male")
        try await team.t.db.update("members_member").set("opt_out", to: 1).where("id", .equal, team.members["opted"]!).run()
        try await team.t.db.update("members_member").set("email", to: "").where("id", .equal, team.members["nomail"]!).run()
        try await team.t.db.update("members_member").set("real_name", to: "王芳").where("id", .equal, team.members["hna"]!).run()
        return team
    }

    struct Queued: Decodable, Equatable { let recipient: String; let subject: String; let body: String; let created_by: Int64? }

    static func outbox(_ t: TestHost) async throws -> [Queued] {
        try await t.db.select().columns("recipient", "subject", "body", "created_by").from("core_outbox").orderBy("id").all(decoding: Queued.self)
    }

    static let message = ["channel": "email", "subject": "{name}，您好", "body": "{name}（UID {uid}）：{matchmaker} 邀请您参加{agency}的周末活动。"]

    @Test("a search's visible members get the message with placeholders filled; opted-out and address-less members are counted and left out")
    func searchToOutbox() async throws {
        let team = try await Self.team()
        let hna = team.members["hna"]!
        try await team.t.test { client in
            var browser = try await Browser.login(client, "hna")
            let list = try await browser.get("/m/members/?gender=female").text
            #expect(list.contains("href=\"/m/members/mass/new?gender=female\""))
            let compose = try await browser.get("/m/members/mass/new?gender=female").text
            // hna sees four members: her own three women (u_hna, m_opted, m_nomail); m_male is not in the search.
            #expect(compose.contains("已选会员（你可见的）：3 位。"))
            let selection = try #require(Browser.hiddenValue("selection", in: compose))
            #expect(selection == "q:gender=female")
            var form = Self.message
            form["selection"] = selection
            let preview = try await browser.post("/m/members/mass/preview", form: form).text
            func line(_ label: String, _ n: Int) -> String { "<li><span>\(label)</span> <strong class=\"num\">\(n)</strong></li>" }
            #expect(preview.contains(line("所选会员", 3)) && preview.contains(line("将收到消息", 1)))
            #expect(preview.contains(line("已退订，跳过", 1)) && preview.contains(line("没有邮箱，跳过", 1)))
            #expect(preview.contains("<h3>u_hna · UID \(hna) · 王芳，您好</h3>"))
            #expect(preview.contains("王芳（UID \(hna)）：HNA 邀请您参加月老婚恋的周末活动。"))
            #expect(!preview.contains("m_opted") && !preview.contains("m_nomail"))
            #expect(preview.contains("确认发送给 1 位会员"))
            // Nothing is queued before the send is confirmed.
            #expect(try await team.t.count("members_mass_send") == 0)
            form["token"] = try #require(Browser.hiddenValue("token", in: preview))
            let sent = try await browser.post("/m/members/mass", form: form)
            let location = try #require(sent.location)
            #expect(sent.status == .seeOther && location.hasPrefix("/m/members/mass/"))
            // The same confirmation again (a second click): the first send stands, no second one.
            let again = try await browser.post("/m/members/mass", form: form)
            #expect(again.status == .seeOther && again.location == location)
            #expect(try await team.t.count("members_mass_send") == 1)
            #expect(try await team.t.count("core_outbox") == 0, "queued in the background, not by the request")
            try await team.t.host.runJobsOnce("members")
            #expect(try await Self.outbox(team.t) == [Queued(recipient: "u_hna@example.com", subject: "王芳，您好",
                                                             body: "王芳（UID \(hna)）：HNA 邀请您参加月老婚恋的周末活动。", created_by: team.ids["hna"])])
            let progress = try await browser.get(location).text
            #expect(progress.contains("已全部加入队列 · 3 / 3 (100%)"))
            #expect(!progress.contains("/m/core/outbox"), "hna may not see the outbox")
            #expect(progress.contains(line("已加入发送队列", 1)) && progress.contains(line("跳过（退订或无地址）", 2)))
            let audit = try await team.t.db.select().column("after_state").from("core_audit").where("action", .equal, "member.massMessage")
                .all(decodingColumn: "after_state", as: String.self)
            #expect(audit == ["email; 1 recipients, 2 left out; q:gender=female"])
            // Another matchmaker's list of sends does not show hna's, nor its page.
            var hnb = try await Browser.login(client, "hnb")
            #expect(!(try await hnb.get("/m/members/mass").text.contains(location)))
            #expect(try await hnb.get(location).status == .notFound)
            // gm (subtree over hna) sees the send, and with the outbox grant its messages on the outbox page.
            try await team.t.grant(roleOf: "gm", ["members.massMessage.view", "core.outbox.view"], scope: "subtree")
            var gm = try await Browser.login(client, "gm")
            let sendID = String(location.split(separator: "/").last ?? "")
            let page = try await gm.get(location).text
            #expect(page.contains("href=\"/m/core/outbox?q=mass%3A\(sendID)%3A\""))
            #expect(try await gm.get("/m/core/outbox?q=mass%3A\(sendID)%3A").text.contains("u_hna@example.com"))
        }
    }

    @Test("ticked rows carry their ids; ids of members the sender cannot see are dropped, a late opt-out is honoured")
    func tickedRows() async throws {
        let team = try await Self.team()
        try await team.t.test { client in
            var browser = try await Browser.login(client, "hna")
            let ids = [team.members["hna"]!, team.members["male"]!, team.members["hnb"]!]
            let ticked = try await browser.post("/m/members/mass/new", multi: ids.map { ("ids", String($0)) })
            let location = try #require(ticked.location)
            #expect(location == "/m/members/mass/new?selection=ids%3A\(ids.map(String.init).joined(separator: "%2C"))")
            #expect(try await browser.get(location).text.contains("已选会员（你可见的）：2 位。"))
            let form = ["channel": "internal", "subject": "通知", "body": "{name} 您好", "selection": "ids:" + ids.map(String.init).joined(separator: ","),
                        "token": UUID().uuidString]
            _ = try await browser.post("/m/members/mass", form: form)
            #expect(try await team.t.count("members_mass_recipient") == 2)
            // m_male opts out after the send was made, before its batch is queued.
            try await team.t.db.update("members_member").set("opt_out", to: 1).where("id", .equal, team.members["male"]!).run()
            try await team.t.host.runJobsOnce("members")
            #expect(try await Self.outbox(team.t).map(\.recipient) == ["member:\(team.members["hna"]!)"])
            #expect(try await team.t.db.select().column("skipped").from("members_mass_send").first(decodingColumn: "skipped", as: Int.self) == 1)
        }
    }

    @Test("a send left by a stopped process is taken up once its lease runs out, and two passes at once queue each message once")
    func resumesOnce() async throws {
        let team = try await Self.team()
        try await team.t.test { client in
            var browser = try await Browser.login(client, "hna")
            for n in 0..<40 { _ = try await team.member("bulk\(n)", owner: team.ids["hna"]!) }
            var form = Self.message
            form["selection"] = "q:"
            form["token"] = UUID().uuidString
            _ = try await browser.post("/m/members/mass", form: form)
            let expected = try await team.t.count("members_mass_recipient")
            #expect(expected == 42)
            // As if a process had claimed the send and died: the lease holds it for now.
            let now = Int64(Date().timeIntervalSince1970)
            try await team.t.db.update("members_mass_send").set("status", to: "running").set("lease_until", to: now + 100).run()
            #expect(try await MassMessageJob.runOnce(team.t.host.runtime, now: { now }) == 0)
            let later: @Sendable () -> Int64 = { now + 101 }
            async let one = MassMessageJob.runOnce(team.t.host.runtime, now: later)
            async let two = MassMessageJob.runOnce(team.t.host.runtime, now: later)
            #expect(try await one + two == expected)
            let recipients = try await Self.outbox(team.t).map(\.recipient)
            #expect(recipients.count == expected && Set(recipients).count == expected)
            #expect(try await team.t.count("members_mass_recipient") == 0)
        }
    }

    @Test("a pass that lost its lease to another host queues nothing more; an address of blanks is left out, not a stall")
    func lostLease() async throws {
        let team = try await Self.team()
        try await team.t.db.update("members_member").set("email", to: "   ").where("id", .equal, team.members["male"]!).run()
        try await team.t.test { client in
            var browser = try await Browser.login(client, "hna")
            var form = Self.message
            form["selection"] = "q:"
            form["token"] = UUID().uuidString
            _ = try await browser.post("/m/members/mass", form: form)
            let id = try #require(try await team.t.db.select().column("id").from("members_mass_send").first(decodingColumn: "id", as: Int64.self))
            let now = Int64(Date().timeIntervalSince1970)
            let claimed = try #require(try await MassMessageJob.claim(id, host: team.t.host.runtime, now: now))
            // Another host took the send over after this pass's lease ran out.
            try await team.t.db.update("members_mass_send").set("lease_until", to: now + 999).where("id", .equal, id).run()
            #expect(try await MassMessageJob.work(claimed, host: team.t.host.runtime, now: { now }) == 0)
            #expect(try await team.t.count("core_outbox") == 0)
            // Given back, the send finishes: u_hna is reached; m_male's blank address is skipped.
            try await team.t.db.update("members_mass_send").set("lease_until", to: SQLLiteral.null).where("id", .equal, id).run()
            try await team.t.host.runJobsOnce("members")
            #expect(try await Self.outbox(team.t).map(\.recipient) == ["u_hna@example.com"])
            #expect(try await team.t.db.select().column("status").from("members_mass_send").first(decodingColumn: "status", as: String.self) == "done")
        }
    }

    @Test("every mass-message and template route needs its grant: without it 403, and no button on the list")
    func grants() async throws {
        let team = try await Self.team()
        try await team.t.test { client in
            var mgrb = try await Browser.login(client, "mgrb")   // member view, no massMessage or messageTemplate grant
            #expect(!(try await mgrb.get("/m/members/").text.contains("/m/members/mass/new")))
            for path in ["/m/members/mass", "/m/members/mass/new?gender=female", "/m/members/mass/1", "/m/members/templates",
                         "/m/members/templates/new", "/m/members/templates/1/edit"] {
                #expect(try await mgrb.get(path).status == .forbidden, "\(path)")
            }
            let form = ["channel": "internal", "subject": "s", "body": "b", "selection": "q:", "token": UUID().uuidString, "name": "n"]
            for path in ["/m/members/mass/new", "/m/members/mass/preview", "/m/members/mass", "/m/members/templates", "/m/members/templates/1",
                         "/m/members/templates/1/delete"] {
                #expect(try await mgrb.post(path, form: form).status == .forbidden, "\(path)")
            }
            #expect(try await team.t.count("members_mass_send") == 0)
            #expect(try await team.t.count("members_message_template") == 0)
        }
    }

    @Test("the form refuses what would not send: no subject for e-mail, an SMS over 300 characters, an unknown channel")
    func validation() async throws {
        let team = try await Self.team()
        try await team.t.test { client in
            var browser = try await Browser.login(client, "hna")
            let noSubject = try await browser.post("/m/members/mass/preview", form: ["channel": "email", "subject": "", "body": "x", "selection": "q:"])
            #expect(noSubject.status == .unprocessableContent && noSubject.text.contains("请填写主题"))
            let long = try await browser.post("/m/members/mass", form: ["channel": "sms", "body": String(repeating: "好", count: 301), "selection": "q:"])
            #expect(long.status == .unprocessableContent && long.text.contains("内容"))
            let odd = try await browser.post("/m/members/mass", form: ["channel": "fax", "body": "x", "selection": "q:"])
            #expect(odd.status == .unprocessableContent)
            // Nobody reachable (only hnb's member, invisible to hna): refused, nothing stored; no token: refused.
            let nobody = try await browser.post("/m/members/mass", form: ["channel": "sms", "body": "x", "token": UUID().uuidString,
                                                                         "selection": "ids:\(team.members["hnb"]!)"])
            #expect(nobody.status == .unprocessableContent && nobody.text.contains("没有会员能收到这条消息"))
            let untokened = try await browser.post("/m/members/mass", form: ["channel": "internal", "subject": "s", "body": "x", "selection": "q:"])
            #expect(untokened.status == .badRequest)
            #expect(try await team.t.count("members_mass_send") == 0)
            #expect(try await team.t.count("members_mass_recipient") == 0)
        }
    }

    @Test("templates are added, offered on the compose page, fill it, and are deleted")
    func templates() async throws {
        let team = try await Self.team()
        try await team.t.test { client in
            var browser = try await Browser.login(client, "hna")
            let bad = try await browser.post("/m/members/templates", form: ["name": "", "channel": "sms", "body": ""])
            #expect(bad.status == .unprocessableContent && bad.text.contains("请填写模板名称"))
            _ = try await browser.post("/m/members/templates", form: ["name": "生日祝福", "channel": "sms", "body": "{name}，生日快乐！—{agency}"])
            let id = try #require(try await team.t.db.select().column("id").from("members_message_template").first(decodingColumn: "id", as: Int64.self))
            #expect(try await browser.get("/m/members/templates?q=生日".addingPercentEncoding(withAllowedCharacters: .urlQueryAllowed)!).text.contains("生日祝福"))
            let compose = try await browser.get("/m/members/mass/new?gender=female").text
            #expect(compose.contains("href=\"/m/members/mass/new?selection=q%3Agender%3Dfemale&amp;template=\(id)\""))
            let filled = try await browser.get("/m/members/mass/new?selection=q%3Agender%3Dfemale&template=\(id)").text
            #expect(filled.contains("{name}，生日快乐！—{agency}</textarea>") && filled.contains("value=\"sms\" checked"))
            #expect(try await browser.post("/m/members/templates/\(id)/delete").status == .seeOther)
            #expect(try await team.t.count("members_message_template") == 0)
        }
    }

    @Test("placeholders are filled where they stand, several and side by side; other braces stay as written")
    func placeholders() {
        let text = MessageText("{name}{uid}：{matchmaker} 邀您 {周末} 到{agency}，{name}！{unknown}{")
        #expect(text.filled(name: "王芳", uid: 42, matchmaker: "李红娘", agency: "月老婚恋") == "王芳42：李红娘 邀您 {周末} 到月老婚恋，王芳！{unknown}{")
        #expect(MessageText("").filled(name: "x", uid: 1, matchmaker: "", agency: "") == "")
        #expect(MessageText("no braces").pieces == [.text("no braces")])
    }
}
