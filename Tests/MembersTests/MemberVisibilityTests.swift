import HostTesting
import HummingbirdTesting
import Members
import SQLKit
import Testing

@Suite("member visibility: owner, subordinate, peer, superior")
struct MemberVisibilityTests {
    @Test("lists show own and subordinates' members; peers' and superiors' are absent; the unallocated pool needs scope all")
    func lists() async throws {
        let team = try await MembersTeam.make()
        try await team.t.test { client in
            var mgrA = try await Browser.login(client, "mgra")
            let list = try await mgrA.get("/m/members").text
            #expect(list.contains("u_mgra") && list.contains("u_hna"))
            #expect(!list.contains("u_mgrb") && !list.contains("u_hnb") && !list.contains("u_gm") && !list.contains("u_pool"))
            var hnA = try await Browser.login(client, "hna")
            let own = try await hnA.get("/m/members").text
            #expect(own.contains("u_hna") && !own.contains("u_mgra"))
            var gm = try await Browser.login(client, "gm")
            let all = try await gm.get("/m/members").text
            for name in ["u_gm", "u_mgra", "u_mgrb", "u_hna", "u_hnb"] { #expect(all.contains(name)) }
            #expect(!all.contains("u_pool"))
        }
    }

    @Test("member page: subordinate's opens, peer's subordinate's is 404, superior's is 404")
    func memberPage() async throws {
        let team = try await MembersTeam.make()
        try await team.t.test { client in
            var mgrA = try await Browser.login(client, "mgra")
            let page = try await mgrA.get("/m/members/\(team.members["hna"]!)")
            #expect(page.status == .ok && page.text.contains("u_hna"))
            #expect(try await mgrA.get("/m/members/\(team.members["hnb"]!)").status == .notFound)
            #expect(try await mgrA.get("/m/members/\(team.members["gm"]!)").status == .notFound)
            var hnB = try await Browser.login(client, "hnb")
            #expect(try await hnB.get("/m/members/\(team.members["hna"]!)").status == .notFound)   // peer
        }
    }

    @Test("edit: a role with view but not edit gets 403 on a visible member; the peer's member stays 404")
    func edit() async throws {
        let team = try await MembersTeam.make()
        let role = try await team.t.role("只读", parent: nil)
        try await team.t.grant(role, ["members.member.view"], scope: "all")
        try await team.t.staff("reader", role: role)
        try await team.t.test { client in
            var reader = try await Browser.login(client, "reader")
            #expect(try await reader.get("/m/members/\(team.members["hna"]!)").status == .ok)
            #expect(try await reader.get("/m/members/\(team.members["hna"]!)/edit").status == .forbidden)
            var hnA = try await Browser.login(client, "hna")
            #expect(try await hnA.get("/m/members/\(team.members["hna"]!)/edit").status == .ok)
            #expect(try await hnA.post("/m/members/\(team.members["hnb"]!)", form: ["username": "x"]).status == .notFound)
        }
    }

    @Test("contact details are masked everywhere without viewContact")
    func masking() async throws {
        let team = try await MembersTeam.make(contactFor: ["gm"])
        try await team.t.test { client in
            var mgrA = try await Browser.login(client, "mgra")
            let page = try await mgrA.get("/m/members/\(team.members["hna"]!)").text
            #expect(page.contains("138****0004") && !page.contains("13800000004"))
            #expect(page.contains("u***@example.com"))
            let csv = try await mgrA.get("/m/members/export.csv").text
            #expect(csv.contains("138****0004") && !csv.contains("13800000004"))
            let api = try await mgrA.get("/api/members/\(team.members["hna"]!)").text
            #expect(api.contains("138****0004") && !api.contains("13800000004"))
            var gm = try await Browser.login(client, "gm")
            #expect(try await gm.get("/m/members/\(team.members["hna"]!)").text.contains("13800000004"))
        }
    }

    @Test("export: UTF-8 with BOM, only visible members, audited with the row count")
    func export() async throws {
        let team = try await MembersTeam.make()
        try await team.t.test { client in
            var mgrA = try await Browser.login(client, "mgra")
            let response = try await mgrA.get("/m/members/export.csv")
            #expect(response.headers[.contentType]?.hasPrefix("text/csv") == true)
            #expect(response.text.hasPrefix("\u{FEFF}"))
            let lines = response.text.split(separator: "\r\n")
            #expect(lines.count == 3)   // header + u_mgra + u_hna
            #expect(!response.text.contains("u_hnb"))
            let audit = try await team.t.auditRows(action: "member.export")
            #expect(audit.first?.after_state?.hasPrefix("2 rows") == true)
            var hnA = try await Browser.login(client, "hna")
            #expect(try await hnA.get("/m/members/export.csv").status == .forbidden)
        }
    }
}

@Suite("member search plans")
struct MemberSearchPlanTests {
    @Test("a search with many matches (page query walking the sort order) returns the same visible rows in the same order")
    func walkingPlan() async throws {
        for threshold in [0, 100_000] {
            let t = try await TestHost.make(modules: MembersTeam.modules, settings: ["members": ["search_walk_threshold": .int(threshold)]])
            var team = MembersTeam(t: t)
            let gm = try await t.role("总经理")
            let hn = try await t.role("红娘", parent: gm)
            try await t.grant(gm, MembersTeam.memberView, scope: "subtree")
            team.ids["gm"] = try await t.staff("gm", role: gm)
            let hnID = try await t.staff("hn", role: hn)
            let other = try await t.staff("other", role: try await t.role("其他"))
            for n in 1...30 {
                _ = try await team.member("w\(n)", owner: n % 3 == 0 ? other : hnID, gender: n % 2 == 0 ? "female" : "male",
                                         birthday: "19\(80 + n % 15)-01-15", province: n % 5 == 0 ? "110000" : "440000")
            }
            try await t.test { client in
                var gm = try await Browser.login(client, "gm")
                let page = try await gm.get("/m/members?gender=female&province=440000&age_min=20&age_max=60&sort=id&dir=desc").text
                // Visible (owner hn, not `other`), female (even n), Guangdong (n not a multiple of 5), newest first.
                let expected = (1...30).reversed().filter { $0 % 3 != 0 && $0 % 2 == 0 && $0 % 5 != 0 }.map { "w\($0)<" }
                var cursor = page.startIndex
                for name in expected {
                    guard let found = page.range(of: name, range: cursor..<page.endIndex) else { Issue.record("missing \(name) with threshold \(threshold)"); break }
                    cursor = found.upperBound
                }
                #expect(!page.contains("w3<") && !page.contains("w6<"))
            }
        }
    }
}
