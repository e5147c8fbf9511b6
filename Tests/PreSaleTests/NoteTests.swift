import HostTesting
import PluginAPI
import SQLKit
import Testing

@Suite("follow-up notes: entry, validation, timeline, search, ownership")
struct NoteTests {
    @Test("a note is added from the overview form; the member's last and next contact follow the latest note; tags are normalised")
    func addNote() async throws {
        let team = try await PreSaleTeam.make()
        let member = team.members["hna"]!
        try await team.t.test { client in
            var hna = try await Browser.login(client, "hna")
            let overview = try await hna.get("/m/presale/\(member)")
            #expect(overview.status == .ok && overview.text.contains("id=\"new-note\""))
            let added = try await hna.post("/m/presale/\(member)/notes", form: PreSaleTeam.noteForm(remark: "到店面谈，考虑价格", tags: "有房， 稳定,有房 , ,公务员"))
            #expect(added.status == .seeOther)
            let tags = try await team.t.db.select().column("tags").from("presale_note").where("member_id", .equal, member)
                .first(decodingColumn: "tags", as: String.self)
            #expect(tags == ",有房,稳定,公务员,")
            let times = try await team.contactTimes(member)
            #expect(times.last == AgencyTime.parseLocal("2026-11-20T10:30", timeZone: "Asia/Shanghai"))
            #expect(times.next == AgencyTime.parseLocal("2026-11-27T09:00", timeZone: "Asia/Shanghai"))
            // An older note does not move the contact times back.
            _ = try await hna.post("/m/presale/\(member)/notes", form: PreSaleTeam.noteForm(remark: "first call", contact: "2026-11-01T08:00", next: ""))
            #expect(try await team.contactTimes(member).last == AgencyTime.parseLocal("2026-11-20T10:30", timeZone: "Asia/Shanghai"))
            // Timeline newest first, tags shown.
            let page = try await hna.get("/m/presale/\(member)").text
            let newer = try #require(page.range(of: "到店面谈，考虑价格")), older = try #require(page.range(of: "first call"))
            #expect(newer.lowerBound < older.lowerBound)
            #expect(page.contains("2026-11-20 10:30") && page.contains(">稳定<"))
        }
    }

    @Test("required fields and dates are checked field by field, nothing is stored on error")
    func validation() async throws {
        let team = try await PreSaleTeam.make()
        let member = team.members["hna"]!
        try await team.t.test { client in
            var hna = try await Browser.login(client, "hna")
            var form = PreSaleTeam.noteForm(remark: "  ", next: "2026-11-19T08:00")
            form["effective"] = ""
            form["sign_status"] = "maybe"
            let page = try await hna.post("/m/presale/\(member)/notes", form: form)
            #expect(page.status == .unprocessableContent)
            #expect(HTMLProbe.fieldError("remark", in: page.text, form: "note-form")?.contains("备注") == true)
            #expect(HTMLProbe.fieldError("effective", in: page.text, form: "note-form")?.contains("是否有效联系") == true)
            #expect(HTMLProbe.fieldError("sign_status", in: page.text, form: "note-form")?.contains("签约状态") == true)
            #expect(HTMLProbe.fieldError("next_contact_at", in: page.text, form: "note-form") == "下次联系时间须晚于本次联系时间。")
            var bad = PreSaleTeam.noteForm(remark: "ok", contact: "2026-13-40T99:00")
            bad["unsigned_reason"] = "astrology"
            let second = try await hna.post("/m/presale/\(member)/notes", form: bad)
            #expect(HTMLProbe.fieldError("contact_at", in: second.text, form: "note-form")?.contains("日期时间") == true)
            #expect(HTMLProbe.fieldError("unsigned_reason", in: second.text, form: "note-form") != nil)
            #expect(try await team.t.count("presale_note") == 0)
        }
    }

    @Test("notes are visible to the author's superiors, not to peers or subordinates; edit and delete follow the kernel")
    func visibility() async throws {
        let team = try await PreSaleTeam.make()
        let member = team.members["hna"]!
        try await team.t.test { client in
            var hna = try await Browser.login(client, "hna")
            _ = try await hna.post("/m/presale/\(member)/notes", form: PreSaleTeam.noteForm(remark: "note by hna"))
            var gm = try await Browser.login(client, "gm")
            _ = try await gm.post("/m/presale/\(member)/notes", form: PreSaleTeam.noteForm(remark: "note by gm", contact: "2026-11-21T10:00"))
            let hnaNote = try #require(try await team.t.db.select().column("id").from("presale_note").where("remark", .equal, "note by hna")
                .first(decodingColumn: "id", as: Int64.self))
            let gmNote = try #require(try await team.t.db.select().column("id").from("presale_note").where("remark", .equal, "note by gm")
                .first(decodingColumn: "id", as: Int64.self))
            // hna sees her own note, not her superior's.
            let own = try await hna.get("/m/presale/\(member)").text
            #expect(own.contains("note by hna") && !own.contains("note by gm"))
            #expect(try await hna.get("/m/presale/notes/\(gmNote)/edit").status == .notFound)
            #expect(try await hna.post("/m/presale/notes/\(gmNote)/delete").status == .notFound)
            // Her manager sees and edits hers.
            var mgrA = try await Browser.login(client, "mgra")
            let managed = try await mgrA.get("/m/presale/\(member)").text
            #expect(managed.contains("note by hna") && !managed.contains("note by gm"))
            let edited = try await mgrA.post("/m/presale/notes/\(hnaNote)", form: PreSaleTeam.noteForm(remark: "edited by mgra"))
            #expect(edited.status == .seeOther)
            #expect(try await team.t.count("presale_note", where: "remark", "edited by mgra") == 1)
            // The peer manager cannot even open the member.
            var mgrB = try await Browser.login(client, "mgrb")
            #expect(try await mgrB.get("/m/presale/\(member)").status == .notFound)
            #expect(try await mgrB.get("/m/presale/notes/\(hnaNote)/edit").status == .notFound)
            // Deleting gm's newer note brings the member's contact times back to the remaining latest note.
            let deleted = try await gm.post("/m/presale/notes/\(gmNote)/delete")
            #expect(deleted.status == .seeOther)
            #expect(try await team.contactTimes(member).last == AgencyTime.parseLocal("2026-11-20T10:30", timeZone: "Asia/Shanghai"))
            #expect(try await team.t.auditRows(action: "note.delete").count == 1)
        }
    }

    @Test("the member's notes are searched by keyword, tag and contact date range")
    func search() async throws {
        let team = try await PreSaleTeam.make()
        let member = team.members["hna"]!
        try await team.t.test { client in
            var hna = try await Browser.login(client, "hna")
            _ = try await hna.post("/m/presale/\(member)/notes", form: PreSaleTeam.noteForm(remark: "alpha call", contact: "2026-10-01T10:00", next: "", tags: "有房"))
            _ = try await hna.post("/m/presale/\(member)/notes", form: PreSaleTeam.noteForm(remark: "beta visit", contact: "2026-11-05T10:00", next: "", tags: "有车,有房子"))
            _ = try await hna.post("/m/presale/\(member)/notes", form: PreSaleTeam.noteForm(remark: "gamma call", contact: "2026-11-15T10:00", next: "", tags: "有车"))
            let byKeyword = try await hna.get("/m/presale/\(member)?tab=notes&q=call").text
            #expect(byKeyword.contains("alpha call") && byKeyword.contains("gamma call") && !byKeyword.contains("beta visit"))
            let byTag = try await hna.get("/m/presale/\(member)?tab=notes&tag=%E6%9C%89%E6%88%BF").text   // 有房: not 有房子
            #expect(byTag.contains("alpha call") && !byTag.contains("beta visit") && !byTag.contains("gamma call"))
            let byDate = try await hna.get("/m/presale/\(member)?tab=notes&from=2026-11-01&to=2026-11-10").text
            #expect(byDate.contains("beta visit") && !byDate.contains("alpha call") && !byDate.contains("gamma call"))
        }
    }
}
