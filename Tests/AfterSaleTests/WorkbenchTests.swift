import Foundation
import HostTesting
import PluginAPI
import SQLKit
import Testing
@testable import AfterSale

@Suite("after-sale workbench: shared notes, lists, entrustments, overview, contracts, demo")
struct WorkbenchTests {
    static func noteForm(_ remark: String) -> [String: String] {
        ["effective": "1", "intention": "strong", "sign_status": "signed", "contact_at": "2026-11-20T10:30", "next_contact_at": "2026-11-27T09:00",
         "remark": remark]
    }

    @Test("after-sale notes use the shared note component: own table, after-sale contact times, lists not followed up / followed up")
    func notes() async throws {
        let team = try await AfterSaleTeam.make()
        let member = try await team.member("signed_a", aftersale: "hna")
        let other = try await team.member("signed_b", aftersale: "hna")
        try await team.t.test { client in
            var hna = try await Browser.login(client, "hna")
            let overview = try await hna.get("/m/aftersale/\(member)")
            #expect(overview.status == .ok && overview.text.contains("id=\"new-note\"") && overview.text.contains("售后红娘"))
            #expect(try await hna.post("/m/aftersale/\(member)/notes", form: Self.noteForm("回访：对上次约见满意")).status == .seeOther)
            #expect(try await team.t.count("aftersale_note", where: "member_id", member) == 1)
            // The pre-sale contact times are not the after-sale matchmaker's: only aftersale_contact moves.
            let last = try await team.t.db.select().column("last_contact_at").from("members_member").where("id", .equal, member)
                .first(decodingColumn: "last_contact_at", as: Int64?.self)
            #expect(last == .some(nil))
            let contact = try await team.t.db.select().column("next_contact_at").from("aftersale_contact").where("member_id", .equal, member)
                .first(decodingColumn: "next_contact_at", as: Int64?.self)
            #expect(contact == AgencyTime.parseLocal("2026-11-27T09:00", timeZone: "Asia/Shanghai"))
            let notFollowed = try await hna.get("/m/aftersale/lists/new").text
            #expect(notFollowed.contains(">signed_b<") && !notFollowed.contains(">signed_a<"))
            let followed = try await hna.get("/m/aftersale/lists/followed").text
            #expect(followed.contains(">signed_a<") && !followed.contains(">signed_b<"))
            #expect(try await hna.get("/m/aftersale/lists/due").text.contains(">signed_a<"))   // 2026-11-27 is past
            // Deleting the only note forgets the follow-up.
            let noteID = try #require(try await team.t.db.select().column("id").from("aftersale_note").first(decodingColumn: "id", as: Int64.self))
            #expect(try await hna.post("/m/aftersale/notes/\(noteID)/delete").status == .seeOther)
            #expect(try await team.t.count("aftersale_contact") == 0)
            _ = other
            // Another matchmaker's members are not in the lists and their overview is 404.
            var hnb = try await Browser.login(client, "hnb")
            #expect(!(try await hnb.get("/m/aftersale/lists/new").text.contains(">signed_b<")))
            #expect(try await hnb.get("/m/aftersale/\(member)").status == .notFound)
            #expect(try await hnb.post("/m/aftersale/\(member)/notes", form: Self.noteForm("x")).status == .notFound)
        }
    }

    @Test("entrustments: signed members only, pending then processed once, assigned in a batch, visible to the assignee and superiors")
    func entrustments() async throws {
        let team = try await AfterSaleTeam.make()
        let signed = try await team.member("signed_a", aftersale: "hna")
        var unsignedProfile = AfterSaleTeam.Profile(); unsignedProfile.signed = false
        let unsigned = try await team.member("unsigned_a", aftersale: "hna", unsignedProfile)
        try await team.t.test { client in
            var hna = try await Browser.login(client, "hna")
            let refused = try await hna.post("/m/aftersale/entrustments", form: ["member": String(unsigned), "content": "请推荐本市对象"])
            #expect(refused.status == .unprocessableContent && HTMLProbe.fieldError("content", in: refused.text)?.contains("已签约") == true)
            let empty = try await hna.post("/m/aftersale/entrustments", form: ["member": String(signed), "content": " "])
            #expect(HTMLProbe.fieldError("content", in: empty.text)?.contains("委托内容") == true)
            #expect(try await hna.post("/m/aftersale/entrustments", form: ["member": String(signed), "content": "请推荐本市对象"]).status == .seeOther)
            let id = try #require(try await team.t.db.select().column("id").from("aftersale_entrustment").first(decodingColumn: "id", as: Int64.self))
            #expect(try await hna.get("/m/aftersale/entrustments?status=pending").text.contains("请推荐本市对象"))
            var hna2 = try await Browser.login(client, "hna2")
            #expect(!(try await hna2.get("/m/aftersale/entrustments?status=pending").text.contains("请推荐本市对象")))
            #expect(try await hna2.post("/m/aftersale/entrustments/\(id)/process", form: ["result": "x"]).status == .notFound)
            // The manager assigns it to hna2, who now sees and processes it.
            var mgra = try await Browser.login(client, "mgra")
            let assigned = try await mgra.post("/m/aftersale/entrustments/assign?status=pending",
                                               form: ["to": String(team.ids["hna2"]!), "remark": "hna 休假"], multi: [("ids", String(id))])
            #expect(assigned.status == .seeOther)
            #expect(try await team.t.db.select().column("owner_id").from("aftersale_entrustment").where("id", .equal, id)
                .first(decodingColumn: "owner_id", as: Int64.self) == team.ids["hna2"])
            #expect(try await team.t.auditRows(action: "entrustment.assign").count == 1)
            #expect(try await hna.post("/m/aftersale/entrustments/assign", form: ["to": String(team.ids["hna"]!)], multi: [("ids", String(id))]).status == .forbidden)
            #expect(try await hna2.post("/m/aftersale/entrustments/\(id)/process", form: ["result": "已推荐三位"]).status == .seeOther)
            let processed = try await hna2.get("/m/aftersale/entrustments?status=processed").text
            #expect(AfterSaleTeam.row(containing: "已推荐三位", in: processed).contains("signed_a"))
            _ = try await hna2.post("/m/aftersale/entrustments/\(id)/process", form: ["result": "again"])
            #expect(try await team.t.db.select().column("result").from("aftersale_entrustment").where("id", .equal, id)
                .first(decodingColumn: "result", as: String.self) == "已推荐三位")
            // Deleting needs the grant (hna2 has none), then is audited.
            #expect(try await hna2.post("/m/aftersale/entrustments/\(id)/delete").status == .forbidden)
            #expect(try await mgra.post("/m/aftersale/entrustments/\(id)/delete").status == .seeOther)
            #expect(try await team.t.count("aftersale_entrustment") == 0)
        }
    }

    @Test("contract.effective records the contract kind and minimum meetings; the overview tabs follow the grants; the widget counts")
    func contractsOverviewWidget() async throws {
        let team = try await AfterSaleTeam.make()
        let member = try await team.member("signed_a", aftersale: "hna")
        try await team.t.host.request(as: "gm", module: "aftersale").transaction { tx in
            try await tx.publish(Event("contract.effective", ["contract_id": "3", "member_id": String(member), "kind": "renewal", "min_meetings": "6"]))
        }
        try await team.t.test { client in
            let facts = try await ServiceContracts.meetings(of: member, db: team.t.db)
            #expect(facts == ServiceContracts.Meetings(minimum: 6, completed: 0))
            var hna = try await Browser.login(client, "hna")
            let page = try await hna.get("/m/aftersale/\(member)").text
            for tab in ["tab=notes", "tab=appointments", "tab=analysis", "tab=matching"] { #expect(page.contains(tab)) }
            #expect(try await hna.get("/m/aftersale/\(member)?tab=analysis").text.contains("金币余额"))
            #expect(try await hna.post("/m/aftersale/entrustments", form: ["member": String(member), "content": "想再约一次"]).status == .seeOther)
            let dashboard = try await hna.get("/").text
            #expect(dashboard.contains("售后提醒") && dashboard.contains("待处理委托"))
            #expect(dashboard.contains("/m/aftersale/entrustments?status=pending"))
        }
    }

    @Test("demo data: appointments in every state with their flow, matching results and entrustments for signed members")
    func demo() async throws {
        let team = try await AfterSaleTeam.make()
        for i in 0..<40 {
            var p = AfterSaleTeam.Profile(); p.gender = i % 2 == 0 ? "female" : "male"
            try await team.member("d\(i)", aftersale: "hna", p)
        }
        try await team.t.test { _ in
            let req = try await team.t.host.request(as: "gm", module: "aftersale")
            let context = DemoContext(db: team.t.db, size: 400, staffIDs: [team.ids["hna"]!, team.ids["hnb"]!], progress: { _, _, _ in },
                                      transaction: { body in try await req.transaction(body) })
            try await AfterSaleModule().seedDemoData(context)
            #expect(try await team.t.count("aftersale_match") > 0)
            let appointments = try await team.t.count("aftersale_appointment")
            #expect(appointments > 0)
            // Every appointment's history ends in its state.
            struct Last: Decodable { let status: String; let last: String? }
            let rows = try await team.t.db.select().column("status")
                .column(SQLAlias(SQLRaw("(SELECT s.to_status FROM aftersale_appointment_step s WHERE s.appointment_id = aftersale_appointment.id ORDER BY s.id DESC LIMIT 1)"),
                                 as: SQLIdentifier("last")))
                .from("aftersale_appointment").all(decoding: Last.self)
            #expect(rows.count == appointments && rows.allSatisfy { $0.status == $0.last })
        }
    }
}
