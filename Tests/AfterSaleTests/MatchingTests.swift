import Foundation
import Members
import HostTesting
import PluginAPI
import SQLKit
import Testing
@testable import AfterSale

@Suite("matching: exclusions, both degrees, pools, modes, masking, stored results")
struct MatchingTests {
    /// Her criteria: age 28–35, height ≥ 175, region 440000, education ≥ bachelor (4 criteria).
    static let her = AfterSaleTeam.Profile(criteria: ["pc_age_min": 28, "pc_age_max": 35, "pc_height_min": 175, "pc_regions": "440000",
                                                     "pc_education_min": "bachelor"])

    @Test("excluded: the member, the same gender, unapproved profiles, the blacklist, closed and paused members")
    func exclusions() async throws {
        let team = try await AfterSaleTeam.make()
        let me = try await team.member("me", aftersale: "hna", Self.her)
        var man = AfterSaleTeam.Profile(); man.gender = "male"
        try await team.member("ok_man", aftersale: nil, man)
        try await team.member("other_woman", aftersale: nil)
        var pending = man; pending.avatar = "pending"; try await team.member("pending_avatar", aftersale: nil, pending)
        var approved = man; approved.avatar = "approved"; try await team.member("approved_avatar", aftersale: nil, approved)
        var black = man; black.blacklisted = true; try await team.member("black_man", aftersale: nil, black)
        var closed = man; closed.status = "closed"; try await team.member("closed_man", aftersale: nil, closed)
        var paused = man; paused.status = "paused"; try await team.member("paused_man", aftersale: nil, paused)
        var found = man; found.status = "found"; try await team.member("found_man", aftersale: nil, found)
        try await team.t.test { client in
            var hna = try await Browser.login(client, "hna")
            // No conditions: only the exclusions apply.
            let page = try await hna.get("/m/aftersale/\(me)/match?run=1&pool=all&mode=conditions")
            #expect(page.status == .ok)
            for shown in ["ok_man", "approved_avatar", "found_man"] { #expect(page.text.contains(">\(shown)<"), "\(shown) is a candidate") }
            for hidden in ["other_woman", "pending_avatar", "black_man", "closed_man", "paused_man"] {
                #expect(!page.text.contains(">\(hidden)<"), "\(hidden) is excluded")
            }
            #expect(AfterSaleTeam.row(containing: "me", in: page.text).isEmpty)
        }
    }

    @Test("both degrees on hand-checked cases, with the unmet criteria named; sorted by the combined degree")
    func degrees() async throws {
        let team = try await AfterSaleTeam.make()
        let me = try await team.member("me", aftersale: "hna", Self.her)   // 31 on 2026-12-01, 165 cm, 440000, bachelor, unmarried
        // c1 meets all 4 of hers; of his 3 criteria she meets only the region (she is 31 > 30, bachelor < master): 100% / 33%.
        var c1 = AfterSaleTeam.Profile(); c1.gender = "male"; c1.birthday = "1992-01-10"; c1.height = 180; c1.education = "master"
        c1.criteria = ["pc_age_max": 30, "pc_education_min": "master", "pc_regions": "440000"]
        let c1ID = try await team.member("c1", aftersale: nil, c1)
        // c2 meets only education (41, 170 cm, Beijing): 25%; he has no criteria, so she meets all of his: 100%.
        var c2 = AfterSaleTeam.Profile(); c2.gender = "male"; c2.birthday = "1985-03-01"; c2.height = 170; c2.province = "110000"
        let c2ID = try await team.member("c2", aftersale: nil, c2)
        // c3 meets all of hers and she meets both of his (age 25–35, unmarried): 100% / 100%.
        var c3 = AfterSaleTeam.Profile(); c3.gender = "male"; c3.birthday = "1993-08-08"; c3.height = 178; c3.education = "bachelor"
        c3.criteria = ["pc_age_min": 25, "pc_age_max": 35, "pc_marital": "unmarried,divorced_no_child"]
        let c3ID = try await team.member("c3", aftersale: nil, c3)

        try await team.t.test { client in
            let req = try await team.t.host.request(as: "hna", module: "aftersale")
            let member = try await MemberDirectory.load(req, id: me)
            let form = try await MatchForm.load(req)
            let search = MatchSearch(me: member, conditions: MatchCriteria(), rules: form.rules(today: "2026-12-01"))
            let (results, total, _) = try await search.run(req, page: 1, pageSize: 30)
            #expect(total == 3)
            #expect(results.map(\.candidate.id) == [c3ID, c1ID, c2ID])          // 200, 133, 125
            let byID = Dictionary(uniqueKeysWithValues: results.map { ($0.candidate.id, $0) })
            #expect(byID[c1ID]?.mine == 100 && byID[c1ID]?.theirs == 33)
            #expect(byID[c1ID]?.unmetTheirs == ["age", "education"] && byID[c1ID]?.unmetMine == [])
            #expect(byID[c2ID]?.mine == 25 && byID[c2ID]?.theirs == 100)
            #expect(byID[c2ID]?.unmetMine == ["age", "height", "region"])
            #expect(byID[c3ID]?.mine == 100 && byID[c3ID]?.theirs == 100)
            var hna = try await Browser.login(client, "hna")
            // The page pre-fills her criteria as conditions: c2 (41, Beijing, 170 cm) is filtered out.
            let page = try await hna.get("/m/aftersale/\(me)/match")
            #expect(page.text.contains(">c1<") && page.text.contains(">c3<") && !page.text.contains(">c2<"))
            let row = AfterSaleTeam.row(containing: "c1", in: page.text)
            #expect(row.contains(">100%<") && row.contains(">33%<") && row.contains("未满足：年龄、学历"))
            // "Their criteria accept me": c1 does not accept her.
            let theirs = try await hna.get("/m/aftersale/\(me)/match?run=1&pool=all&mode=theirs").text
            #expect(theirs.contains(">c2<") && theirs.contains(">c3<") && !theirs.contains(">c1<"))
        }
    }

    @Test("region conditions by province, city or district code; household registration on its own columns")
    func regions() async throws {
        let team = try await AfterSaleTeam.make()
        let me = try await team.member("me", aftersale: "hna")
        var gz = AfterSaleTeam.Profile(); gz.gender = "male"; gz.city = "440100"
        try await team.member("guangzhou", aftersale: nil, gz)
        var sz = gz; sz.city = "440300"; try await team.member("shenzhen", aftersale: nil, sz)
        var bj = gz; bj.province = "110000"; bj.city = "110100"; try await team.member("beijing", aftersale: nil, bj)
        try await team.t.test { client in
            var hna = try await Browser.login(client, "hna")
            let city = try await hna.get("/m/aftersale/\(me)/match?run=1&regions=440100").text
            #expect(city.contains(">guangzhou<") && !city.contains(">shenzhen<") && !city.contains(">beijing<"))
            let provinces = try await hna.get("/m/aftersale/\(me)/match?run=1&regions=440000&regions=110000").text
            #expect(provinces.contains(">guangzhou<") && provinces.contains(">shenzhen<") && provinces.contains(">beijing<"))
            let mixed = try await hna.get("/m/aftersale/\(me)/match?run=1&regions=110000&regions=440300").text
            #expect(!mixed.contains(">guangzhou<") && mixed.contains(">shenzhen<") && mixed.contains(">beijing<"))
            let hukou = try await hna.get("/m/aftersale/\(me)/match?run=1&hukou=440000").text
            #expect(!hukou.contains(">guangzhou<"))   // nobody has a household registration on file
        }
    }

    @Test("pools: my own members and the signed pool; whole-base candidates show their mobile masked unless visible")
    func pools() async throws {
        let team = try await AfterSaleTeam.make()
        let me = try await team.member("me", aftersale: "hna")
        var man = AfterSaleTeam.Profile(); man.gender = "male"; man.mobile = "13812345678"
        try await team.member("mine_man", aftersale: "hna", man)
        var other = man; other.mobile = "13987654321"; other.signed = false
        try await team.member("hnb_man", aftersale: "hnb", other)
        try await team.t.test { client in
            var hna = try await Browser.login(client, "hna")
            let all = try await hna.get("/m/aftersale/\(me)/match?run=1&pool=all").text
            #expect(AfterSaleTeam.row(containing: "mine_man", in: all).contains("13812345678"))
            let foreign = AfterSaleTeam.row(containing: "hnb_man", in: all)
            #expect(!foreign.isEmpty && !foreign.contains("13987654321") && foreign.contains("139****4321"))
            let mine = try await hna.get("/m/aftersale/\(me)/match?run=1&pool=mine").text
            #expect(mine.contains(">mine_man<") && !mine.contains(">hnb_man<"))
            let signed = try await hna.get("/m/aftersale/\(me)/match?run=1&pool=signed").text
            #expect(signed.contains(">mine_man<") && !signed.contains(">hnb_man<"))
        }
    }

    @Test("marking and recommending store the result with its degrees; a notified recommendation queues a site message; audited")
    func storeResults() async throws {
        let team = try await AfterSaleTeam.make()
        let me = try await team.member("me", aftersale: "hna", Self.her)
        var c1 = AfterSaleTeam.Profile(); c1.gender = "male"; c1.birthday = "1992-01-10"; c1.height = 180; c1.education = "master"
        c1.criteria = ["pc_age_max": 30, "pc_education_min": "master", "pc_regions": "440000"]
        let c1ID = try await team.member("c1", aftersale: nil, c1)
        let woman = try await team.member("woman", aftersale: nil)
        try await team.t.test { client in
            var hna = try await Browser.login(client, "hna")
            let marked = try await hna.post("/m/aftersale/\(me)/match/\(c1ID)/mark")
            #expect(marked.status == .seeOther)
            struct Row: Decodable { let status: String; let mine_pct: Int; let theirs_pct: Int; let owner_id: Int64; let notified: String }
            let stored = try await team.t.db.select().columns("status", "mine_pct", "theirs_pct", "owner_id", "notified").from("aftersale_match")
                .where("member_id", .equal, me).where("candidate_id", .equal, c1ID).first(decoding: Row.self)
            #expect(stored?.status == "matched" && stored?.mine_pct == 100 && stored?.theirs_pct == 33 && stored?.owner_id == team.ids["hna"])
            _ = try await hna.post("/m/aftersale/\(me)/match/\(c1ID)/recommend?notify=internal")
            #expect(try await team.t.count("aftersale_match") == 1)
            let outbox = try await team.t.db.select().columns("channel", "recipient").from("core_outbox").all()
            #expect(outbox.count == 1)
            #expect(try outbox.first?.decode(column: "recipient", as: String.self) == "member:\(me)")
            #expect(try await team.t.auditRows(action: "match.recommended").count == 1)
            // The same gender is no candidate: nothing stored, 404.
            let refused = try await hna.post("/m/aftersale/\(me)/match/\(woman)/mark")
            #expect(refused.status == .notFound)
            // The stored results list and the overview tab show it.
            let results = try await hna.get("/m/aftersale/matches").text
            #expect(AfterSaleTeam.row(containing: "c1", in: results).contains("已推荐"))
            #expect(try await hna.get("/m/aftersale/\(me)?tab=matching").text.contains(">c1<"))
            // Another matchmaker's peer does not see hna's stored results.
            var hna2 = try await Browser.login(client, "hna2")
            #expect(!(try await hna2.get("/m/aftersale/matches").text.contains(">c1<")))
        }
    }

    @Test("matching a member the user cannot see is 404; without the match grant it is 403")
    func access() async throws {
        let team = try await AfterSaleTeam.make()
        let me = try await team.member("me", aftersale: "hna")
        try await team.t.test { client in
            var hnb = try await Browser.login(client, "hnb")
            #expect(try await hnb.get("/m/aftersale/\(me)/match").status == .notFound)
            #expect(try await hnb.post("/m/aftersale/\(me)/match/\(me)/mark").status == .notFound)
            var desk = try await Browser.login(client, "desk")
            #expect(try await desk.get("/m/aftersale/\(me)/match").status == .forbidden)
            var mgra = try await Browser.login(client, "mgra")
            #expect(try await mgra.get("/m/aftersale/\(me)/match").status == .ok)
        }
    }
}
