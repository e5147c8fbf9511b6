import Foundation
import HostTesting
import SQLKit
import Testing

@Suite("events: sign-ups and the capacity limit")
struct SignUpTests {
    @Test("a matchmaker signs her member up: the sign-up row, the counter and the audit entry are written together")
    func signUp() async throws {
        let team = try await EventsTeam.make()
        let event = try await team.event("读书分享会", capacity: 2)
        let member = try #require(team.members["hna0"])
        try await team.t.test { client in
            var hna = try await Browser.login(client, "hna")
            let page = try await hna.get("/m/events/\(event)")
            #expect(page.status == .ok && page.text.contains("signup-form"))
            #expect(try await hna.post("/m/events/\(event)/signups", form: ["member_id": String(member)]).location == "/m/events/\(event)")
            #expect(try await team.event(event)?.signed_up == 1)
            #expect(try await team.signUpID(event, member: member) != nil)
            #expect(try await team.t.auditRows(action: "signup.create").first?.after_state == "member:\(member)")
            #expect(try await team.t.count("core_outbox", where: "recipient", "member:\(member)") == 1)   // queued in the same transaction
            #expect(try await hna.get("/m/events/\(event)").text.contains("u_hna_0"))
        }
    }

    @Test("the last place goes to one member: another sign-up gets 409 and writes nothing, nor does signing the same member up twice")
    func full() async throws {
        let team = try await EventsTeam.make()
        let event = try await team.event("桌游夜", capacity: 1)
        try await team.t.test { client in
            var hna = try await Browser.login(client, "hna")
            #expect(try await hna.post("/m/events/\(event)/signups", form: ["member_id": String(team.members["hna0"] ?? 0)]).status == .seeOther)
            #expect(try await hna.post("/m/events/\(event)/signups", form: ["member_id": String(team.members["hna0"] ?? 0)]).status == .conflict)
            let full = try await hna.post("/m/events/\(event)/signups", form: ["member_id": String(team.members["hna1"] ?? 0)])
            #expect(full.status == .conflict && full.text.contains("活动名额已满。"))
            #expect(try await team.event(event)?.signed_up == 1)
            #expect(try await team.signUps(event) == 1)
            #expect(try await team.t.count("core_outbox") == 1)                                     // the refused ones queued nothing
        }
    }

    @Test("concurrent sign-ups for the last places never exceed the capacity")
    func concurrent() async throws {
        let team = try await EventsTeam.make()
        let event = try await team.event("草坪野餐", capacity: 2)
        var created: [Int64] = []
        for i in 0..<6 { created.append(try await team.member("u_rush_\(i)", owner: team.ids["hna"])) }
        let memberIDs = created
        try await team.t.test { client in
            let hna = try await Browser.login(client, "hna")
            let statuses = try await withThrowingTaskGroup(of: Int.self) { group in
                for id in memberIDs {
                    group.addTask {
                        var browser = hna
                        return Int(try await browser.json(.post, "/api/events/\(event)/signups", body: #"{"member_id":\#(id)}"#).status.code)
                    }
                }
                return try await group.reduce(into: [Int]()) { $0.append($1) }
            }
            #expect(statuses.filter { $0 == 201 }.count == 2)
            #expect(statuses.filter { $0 == 409 }.count == 4)
            #expect(try await team.event(event)?.signed_up == 2)
            #expect(try await team.signUps(event) == 2)
        }
    }

    @Test("a matchmaker cannot sign up a member she cannot see (404, Members' rules), and cancelling frees the place")
    func memberVisibility() async throws {
        let team = try await EventsTeam.make()
        let event = try await team.event("烘焙课", capacity: 1)
        try await team.t.test { client in
            var hna = try await Browser.login(client, "hna")
            #expect(try await hna.post("/m/events/\(event)/signups", form: ["member_id": String(team.members["hnb3"] ?? 0)]).status == .notFound)
            let empty = try await hna.post("/m/events/\(event)/signups", form: ["member_id": ""])
            #expect(empty.status == .unprocessableContent && empty.text.contains("请填写会员编号。"))
            #expect(try await team.signUps(event) == 0)
            var hnb = try await Browser.login(client, "hnb")
            #expect(try await hnb.post("/m/events/\(event)/signups", form: ["member_id": String(team.members["hnb3"] ?? 0)]).status == .seeOther)
            let signup = try #require(try await team.signUpID(event, member: team.members["hnb3"] ?? 0))
            #expect(try await hna.post("/m/events/\(event)/signups/\(signup)/delete").status == .notFound)
            #expect(try await hnb.post("/m/events/\(event)/signups/\(signup)/delete").status == .seeOther)
            #expect(try await team.event(event)?.signed_up == 0)
            #expect(try await team.signUps(event) == 0)
            // A double click on "cancel": the place is freed once, the counter never goes below the sign-ups.
            #expect(try await hnb.post("/m/events/\(event)/signups", form: ["member_id": String(team.members["hnb3"] ?? 0)]).status == .seeOther)
            let again = try #require(try await team.signUpID(event, member: team.members["hnb3"] ?? 0))
            let first = hnb, second = hnb
            async let a: Browser.Page = { var b = first; return try await b.post("/m/events/\(event)/signups/\(again)/delete") }()
            async let b: Browser.Page = { var b = second; return try await b.post("/m/events/\(event)/signups/\(again)/delete") }()
            let statuses = [try await a.status, try await b.status]
            #expect(statuses.contains(.seeOther))
            #expect(try await team.event(event)?.signed_up == 0)
            #expect(try await team.signUps(event) == 0)
        }
    }
}
