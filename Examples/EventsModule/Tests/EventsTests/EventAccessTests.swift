import Foundation
import HostTesting
import SQLKit
import Testing

@Suite("events: every route through the kernel")
struct EventAccessTests {
    @Test("the organiser creates, edits and deletes her event; invalid input is refused per field and writes nothing")
    func organiser() async throws {
        let team = try await EventsTeam.make()
        try await team.t.test { client in
            var orga = try await Browser.login(client, "orga")
            #expect(try await orga.get("/m/events/new").text.contains("value=\"30\""))            // default_capacity
            let bad = try await orga.post("/m/events/", form: ["title": "", "starts_at": "明天", "capacity": "0"])
            #expect(bad.status == .unprocessableContent)
            #expect(HTMLProbe.fieldError("title", in: bad.text, form: "event-form") == "请填写活动名称。")
            #expect(HTMLProbe.fieldError("starts_at", in: bad.text, form: "event-form") == "开始时间：请输入日期和时间，如 2026-06-01 19:30。")
            #expect(HTMLProbe.fieldError("capacity", in: bad.text, form: "event-form") == "名额须为 1 到 10000 之间的整数。")
            #expect(try await team.t.count("events_event") == 0)
            let created = try await orga.post("/m/events/", form: ["title": "徒步联谊", "venue": "西湖", "starts_at": "2030-06-01T09:00", "capacity": "20"])
            let id = try #require(created.location.flatMap { Int64($0.split(separator: "/").last ?? "") })
            #expect(try await team.event(id)?.capacity == 20)
            #expect(try await orga.get("/m/events/\(id)/edit").text.contains("2030-06-01T09:00"))
            #expect(try await orga.post("/m/events/\(id)", form: ["title": "徒步联谊（改）", "starts_at": "2030-06-01 10:00", "capacity": "25"]).status == .seeOther)
            #expect(try await team.event(id)?.title == "徒步联谊（改）")
            #expect(try await orga.post("/m/events/\(id)/delete").status == .seeOther)
            #expect(try await team.event(id) == nil)
            #expect(try await team.t.auditRows(action: "event.delete").count == 1)
        }
    }

    @Test("a peer organiser gets 404 on every route of another's event and nothing changes")
    func peer() async throws {
        let team = try await EventsTeam.make()
        let event = try await team.event("A 的活动")
        try await team.t.test { client in
            var orgb = try await Browser.login(client, "orgb")
            #expect(try await !orgb.get("/m/events/").text.contains("A 的活动"))
            for path in ["", "/edit"] { #expect(try await orgb.get("/m/events/\(event)\(path)").status == .notFound) }
            #expect(try await orgb.post("/m/events/\(event)", form: ["title": "改", "starts_at": "2030-01-01", "capacity": "5"]).status == .notFound)
            #expect(try await orgb.post("/m/events/\(event)/delete").status == .notFound)
            #expect(try await orgb.get("/api/events/\(event)").status == .notFound)
            #expect(try await team.event(event)?.title == "A 的活动")
        }
    }

    @Test("a viewer lists and opens every event and gets 403 on creating, editing, deleting and signing up")
    func viewer() async throws {
        let team = try await EventsTeam.make()
        let event = try await team.event("A 的活动")
        try await team.t.test { client in
            var viewer = try await Browser.login(client, "viewer")
            #expect(try await viewer.get("/m/events/").text.contains("A 的活动"))
            let page = try await viewer.get("/m/events/\(event)")
            #expect(page.status == .ok && !page.text.contains("signup-form"))
            #expect(try await viewer.get("/m/events/new").status == .forbidden)
            #expect(try await viewer.get("/m/events/\(event)/edit").status == .forbidden)
            #expect(try await viewer.post("/m/events/\(event)/delete").status == .forbidden)
            #expect(try await viewer.post("/m/events/\(event)/signups", form: ["member_id": "1"]).status == .forbidden)
            #expect(try await team.event(event)?.title == "A 的活动")
        }
    }

    @Test("attendance: the organiser marks a sign-up attended; a matchmaker gets 403; a peer organiser gets 404")
    func attended() async throws {
        let team = try await EventsTeam.make()
        let event = try await team.event("A 的活动")
        try await team.t.test { client in
            var hna = try await Browser.login(client, "hna")
            _ = try await hna.post("/m/events/\(event)/signups", form: ["member_id": String(team.members["hna0"] ?? 0)])
            let signup = try #require(try await team.signUpID(event, member: team.members["hna0"] ?? 0))
            let url = "/m/events/\(event)/signups/\(signup)/attended"
            #expect(try await hna.post(url).status == .forbidden)
            var orgb = try await Browser.login(client, "orgb")
            #expect(try await orgb.post(url).status == .notFound)
            let attended = { try await team.t.db.select().column("attended").from("events_signup").where("id", .equal, signup)
                .first(decodingColumn: "attended", as: Int.self) }
            #expect(try await attended() == 0)
            var orga = try await Browser.login(client, "orga")
            // The organiser sees the sign-up by UID; the username only for members she may see (Members' rules).
            let page = try await orga.get("/m/events/\(event)").text
            #expect(page.contains(">\(team.members["hna0"] ?? 0)<") && !page.contains("u_hna_0"))
            #expect(try await orga.post(url).status == .seeOther)
            #expect(try await attended() == 1)
        }
    }

    @Test("the list searches title and venue and pages in SQL; the JSON list shows the same")
    func search() async throws {
        let team = try await EventsTeam.make()
        for i in 1...25 { _ = try await team.event("读书会 \(i)", startsAt: 1_900_000_000 + Int64(i) * 86_400) }
        _ = try await team.event("徒步")
        try await team.t.test { client in
            var orga = try await Browser.login(client, "orga")
            let page2 = try await orga.get("/m/events/?q=%E8%AF%BB%E4%B9%A6&page=2")
            #expect(page2.text.contains("读书会 21") && !page2.text.contains("读书会 20<") && !page2.text.contains("徒步"))
            let json = try await orga.get("/api/events?q=%E5%BE%92%E6%AD%A5")
            #expect(json.text.contains("\"total\":1") && json.text.contains("徒步"))
        }
    }
}
