import Foundation
import HostTesting
import PluginAPI
import SQLKit
import Testing

@Suite("appointments: the whole flow, refused steps, notifications, validation, visibility")
struct AppointmentTests {
    /// Client A (hna's) and B (a man nobody owns), both with e-mail and mobile.
    static func pair(_ team: AfterSaleTeam) async throws -> (a: Int64, b: Int64) {
        var a = AfterSaleTeam.Profile(); a.email = "a@example.com"; a.mobile = "13800000001"
        var b = AfterSaleTeam.Profile(); b.gender = "male"; b.email = "b@example.com"; b.mobile = "13800000002"
        return (try await team.member("client_a", aftersale: "hna", a), try await team.member("other_b", aftersale: nil, b))
    }

    static func form(_ team: AfterSaleTeam, b: Int64, opinionB: String = "pending", place: String = "星巴克（万达店）") -> [String: String] {
        ["member_b": String(b), "kind": "recommended", "meet_at": "2026-12-10T19:00", "place": place, "owner_id": String(team.ids["hna"]!),
         "opinion_a": "agree", "opinion_b": opinionB, "remark": "第一次见面"]
    }

    static func status(_ team: AfterSaleTeam, _ id: Int64) async throws -> String? {
        try await team.t.db.select().column("status").from("aftersale_appointment").where("id", .equal, id).first(decodingColumn: "status", as: String.self)
    }

    static func create(_ team: AfterSaleTeam, _ browser: inout Browser, a: Int64, b: Int64) async throws -> Int64 {
        let created = try await browser.post("/m/aftersale/appointments?a=\(a)", form: form(team, b: b), multi: [("notify", "email"), ("notify", "sms")])
        #expect(created.status == .seeOther)
        return try #require(created.location.flatMap { Int64($0.split(separator: "/").last ?? "") })
    }

    @Test("pending → approved → in progress → completed → evaluated, each step recorded with who; refused steps change nothing")
    func lifecycle() async throws {
        let team = try await AfterSaleTeam.make()
        let (a, b) = try await Self.pair(team)
        try await team.t.host.request(as: "gm", module: "aftersale").transaction { tx in
            try await tx.publish(Event("contract.effective", ["contract_id": "7", "member_id": String(a), "kind": "first", "number": "HT7",
                                                              "min_meetings": "3", "starts_on": "2026-11-01", "ends_on": "2027-10-31"]))
        }
        try await team.t.test { client in
            var hna = try await Browser.login(client, "hna"), mgra = try await Browser.login(client, "mgra")
            let id = try await Self.create(team, &hna, a: a, b: b)
            #expect(try await Self.status(team, id) == "pending")
            // A matchmaker without the review grant may not approve; nobody may start a pending appointment.
            #expect(try await hna.post("/m/aftersale/appointments/\(id)/approve").status == .forbidden)
            let early = try await hna.post("/m/aftersale/appointments/\(id)/start")
            #expect(early.status == .conflict && early.text.contains("当前状态下不能进行这一步"))
            // The manager approves: both sides are told by e-mail and SMS, in the same transaction.
            #expect(try await mgra.post("/m/aftersale/appointments/\(id)/approve").status == .seeOther)
            #expect(try await Self.status(team, id) == "approved")
            let recipients = try await team.t.db.select().column("recipient").from("core_outbox").where("module", .equal, "aftersale")
                .all(decodingColumn: "recipient", as: String.self)
            #expect(Set(recipients) == ["a@example.com", "b@example.com", "13800000001", "13800000002"])
            #expect(try await mgra.post("/m/aftersale/appointments/\(id)/approve").status == .conflict)   // not twice
            // B has not agreed yet: it cannot start.
            let disagreed = try await hna.post("/m/aftersale/appointments/\(id)/start")
            #expect(disagreed.status == .conflict && disagreed.text.contains("双方都同意后才能开始约见"))
            #expect(try await Self.status(team, id) == "approved")
            let edited = try await hna.post("/m/aftersale/appointments/\(id)", form: Self.form(team, b: b, opinionB: "agree"),
                                            multi: [("notify", "email"), ("notify", "sms")])
            #expect(edited.status == .seeOther)
            #expect(try await hna.post("/m/aftersale/appointments/\(id)/start").status == .seeOther)
            #expect(try await hna.get("/m/aftersale/appointments/\(id)/edit").status == .conflict)   // started: no more edits
            #expect(try await hna.post("/m/aftersale/appointments/\(id)/complete").status == .seeOther)
            // An evaluation with a rating outside 1–5 and a missing result is refused field by field.
            let bad = try await hna.post("/m/aftersale/appointments/\(id)/evaluate",
                                         form: ["result_a": "continue", "rating_a": "7", "rating_b": "4", "comment_a": "很好"])
            #expect(bad.status == .unprocessableContent)
            #expect(HTMLProbe.fieldError("rating_a", in: bad.text, form: "step-evaluate") != nil)
            #expect(HTMLProbe.fieldError("result_b", in: bad.text, form: "step-evaluate") != nil)
            #expect(try await Self.status(team, id) == "completed")
            let good = try await hna.post("/m/aftersale/appointments/\(id)/evaluate",
                                          form: ["result_a": "continue", "rating_a": "5", "result_b": "undecided", "rating_b": "4", "comment_b": "再看看"])
            #expect(good.status == .seeOther)
            struct Eval: Decodable { let status: String; let result_a: String; let result_b: String; let rating_a: Int?; let rating_b: Int?; let comment_b: String }
            let row = try await team.t.db.select().columns("status", "result_a", "result_b", "rating_a", "rating_b", "comment_b")
                .from("aftersale_appointment").where("id", .equal, id).first(decoding: Eval.self)
            #expect(row?.status == "evaluated" && row?.result_a == "continue" && row?.result_b == "undecided")
            #expect(row?.rating_a == 5 && row?.rating_b == 4 && row?.comment_b == "再看看")
            // Finished: it cannot be cancelled any more.
            #expect(try await hna.post("/m/aftersale/appointments/\(id)/cancel", form: ["reason": "late"]).status == .conflict)
            struct Step: Decodable { let to_status: String; let by_user: Int64? }
            let steps = try await team.t.db.select().columns("to_status", "by_user").from("aftersale_appointment_step")
                .where("appointment_id", .equal, id).orderBy("id").all(decoding: Step.self)
            #expect(steps.map(\.to_status) == ["pending", "approved", "in_progress", "completed", "evaluated"])
            #expect(steps[1].by_user == team.ids["mgra"] && steps[2].by_user == team.ids["hna"])
            #expect(try await team.t.auditRows(action: "appointment.approve").count == 1)
            // The member's meetings against the contract's minimum, on the detail page and the overview tab.
            let detail = try await hna.get("/m/aftersale/appointments/\(id)").text
            #expect(detail.contains("已评价") && detail.contains("审核通过") == false)
            let tab = try await hna.get("/m/aftersale/\(a)?tab=appointments").text
            #expect(tab.contains("已完成约见：1 / 合同最低见面次数：3"))
        }
    }

    @Test("reject and cancel need a reason; a rejected appointment is closed; cancelling an approved one tells both sides")
    func rejectAndCancel() async throws {
        let team = try await AfterSaleTeam.make()
        let (a, b) = try await Self.pair(team)
        try await team.t.test { client in
            var hna = try await Browser.login(client, "hna"), mgra = try await Browser.login(client, "mgra")
            let first = try await Self.create(team, &hna, a: a, b: b)
            let noReason = try await mgra.post("/m/aftersale/appointments/\(first)/reject", form: ["reason": "  "])
            #expect(noReason.status == .conflict && noReason.text.contains("请填写原因"))
            #expect(try await Self.status(team, first) == "pending")
            #expect(try await mgra.post("/m/aftersale/appointments/\(first)/reject", form: ["reason": "对方已有交往对象"]).status == .seeOther)
            #expect(try await Self.status(team, first) == "rejected")
            #expect(try await mgra.post("/m/aftersale/appointments/\(first)/approve").status == .conflict)
            let closed = try await hna.get("/m/aftersale/appointments?status=closed").text
            #expect(closed.contains("client_a") && closed.contains("已驳回"))

            let second = try await Self.create(team, &hna, a: a, b: b)
            _ = try await mgra.post("/m/aftersale/appointments/\(second)/approve")
            #expect(try await team.t.count("core_outbox") == 4)
            #expect(try await hna.post("/m/aftersale/appointments/\(second)/cancel", form: ["reason": ""]).status == .conflict)
            #expect(try await hna.post("/m/aftersale/appointments/\(second)/cancel", form: ["reason": "客户出差"]).status == .seeOther)
            #expect(try await Self.status(team, second) == "cancelled")
            let bodies = try await team.t.db.select().column("body").from("core_outbox").orderBy("id").all(decodingColumn: "body", as: String.self)
            #expect(bodies.count == 8 && bodies.suffix(4).allSatisfy { $0.contains("已取消") && $0.contains("客户出差") })
        }
    }

    @Test("the form checks each field and stores nothing on error")
    func validation() async throws {
        let team = try await AfterSaleTeam.make()
        let (a, _) = try await Self.pair(team)
        let woman = try await team.member("woman_b", aftersale: nil)
        try await team.t.test { client in
            var hna = try await Browser.login(client, "hna")
            var form = Self.form(team, b: woman, place: " ")
            form["meet_at"] = "2026-13-45T99:00"
            form["kind"] = "astrology"
            let page = try await hna.post("/m/aftersale/appointments?a=\(a)", form: form)
            #expect(page.status == .unprocessableContent)
            #expect(HTMLProbe.fieldError("member_b", in: page.text)?.contains("异性") == true)
            #expect(HTMLProbe.fieldError("place", in: page.text)?.contains("约见地点") == true)
            #expect(HTMLProbe.fieldError("meet_at", in: page.text) != nil)
            #expect(HTMLProbe.fieldError("kind", in: page.text)?.contains("约见类型") == true)
            form = Self.form(team, b: a)
            let selfMeeting = try await hna.post("/m/aftersale/appointments?a=\(a)", form: form)
            #expect(HTMLProbe.fieldError("member_b", in: selfMeeting.text)?.contains("没有这个会员") == true)
            #expect(try await team.t.count("aftersale_appointment") == 0)
        }
    }

    @Test("appointments are seen by the responsible matchmaker and superiors only; lists filter by state, member and matchmaker")
    func visibility() async throws {
        let team = try await AfterSaleTeam.make()
        let (a, b) = try await Self.pair(team)
        try await team.t.test { client in
            var hna = try await Browser.login(client, "hna")
            let id = try await Self.create(team, &hna, a: a, b: b)
            var hna2 = try await Browser.login(client, "hna2"), hnb = try await Browser.login(client, "hnb")
            var mgra = try await Browser.login(client, "mgra"), mgrb = try await Browser.login(client, "mgrb"), desk = try await Browser.login(client, "desk")
            #expect(try await hna2.get("/m/aftersale/appointments/\(id)").status == .notFound)
            #expect(try await hna2.post("/m/aftersale/appointments/\(id)/cancel", form: ["reason": "x"]).status == .notFound)
            #expect(try await hnb.get("/m/aftersale/appointments/\(id)").status == .notFound)
            #expect(try await mgrb.post("/m/aftersale/appointments/\(id)/approve").status == .notFound)
            #expect(try await mgra.get("/m/aftersale/appointments/\(id)").text.contains("client_a"))
            #expect(try await desk.get("/m/aftersale/appointments/\(id)").status == .ok)
            #expect(try await desk.post("/m/aftersale/appointments/\(id)/approve").status == .forbidden)
            let list = try await hna.get("/m/aftersale/appointments?status=pending").text
            #expect(list.contains("client_a") && list.contains("other_b"))
            #expect(!(try await hna2.get("/m/aftersale/appointments?status=pending").text.contains("client_a")))
            #expect(!(try await hna.get("/m/aftersale/appointments?status=approved").text.contains("client_a")))
            #expect(try await mgra.get("/m/aftersale/appointments?status=pending&username=other_b").text.contains("client_a"))
            #expect(!(try await mgra.get("/m/aftersale/appointments?status=pending&username=nobody").text.contains("client_a")))
            #expect(!(try await mgra.get("/m/aftersale/appointments?status=pending&owner=\(team.ids["hna2"]!)").text.contains("client_a")))
        }
    }
}
