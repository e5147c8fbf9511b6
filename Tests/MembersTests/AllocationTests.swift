import HostTesting
import HummingbirdTesting
import Members
import SQLKit
import Testing

@Suite("allocation")
struct AllocationTests {
    @Test("a manager re-allocates a subordinate's member to another subordinate: owner changes, record and audit written")
    func reallocate() async throws {
        var team = try await MembersTeam.make()
        let hnA2Role = try await team.t.db.select().column("role_id").from("core_user").where("login", .equal, "hna").first(decodingColumn: "role_id", as: Int64.self) ?? 0
        team.ids["hna2"] = try await team.t.staff("hna2", role: hnA2Role)
        let member = team.members["hna"]!
        let target = team.ids["hna2"]!
        let fixed = team
        try await fixed.t.test { client in
            var mgrA = try await Browser.login(client, "mgra")
            let page = try await mgrA.get("/m/members/allocation/presale?state=allocated")
            #expect(page.text.contains("u_hna") && !page.text.contains("u_hnb"))
            let response = try await mgrA.post("/m/members/allocation/presale?state=allocated",
                                               multi: [("ids", String(member)), ("to", String(target)), ("remark", "换红娘")])
            #expect(response.status == .seeOther)
            #expect(try await fixed.owner(of: member) == target)
            let records = try await fixed.t.db.select().columns("kind", "remark").from("members_allocation").where("member_id", .equal, member).all()
            #expect(records.count == 1)
            #expect(try records.first?.decode(column: "remark", as: String.self) == "换红娘")
            #expect(try await fixed.t.auditRows(action: "member.allocate.presale").count == 1)
        }
    }

    @Test("a batch with one member the allocator cannot see is refused whole: nobody moves")
    func atomic() async throws {
        let team = try await MembersTeam.make()
        try await team.t.test { client in
            var mgrA = try await Browser.login(client, "mgra")
            let response = try await mgrA.post("/m/members/allocation/presale?state=allocated",
                                               multi: [("ids", String(team.members["hna"]!)), ("ids", String(team.members["hnb"]!)),
                                                       ("to", String(team.ids["mgra"]!)), ("remark", "")])
            #expect(response.status == .notFound)
            #expect(try await team.owner(of: team.members["hna"]!) == team.ids["hna"])
            #expect(try await team.owner(of: team.members["hnb"]!) == team.ids["hnb"])
            let count = try await team.t.db.select().column("id").from("members_allocation").all().count
            #expect(count == 0)
        }
    }

    @Test("the target must be a staff member the allocator may see; without the allocate action the page is 403")
    func target() async throws {
        let team = try await MembersTeam.make()
        try await team.t.test { client in
            var mgrA = try await Browser.login(client, "mgra")
            let response = try await mgrA.post("/m/members/allocation/presale?state=allocated",
                                               multi: [("ids", String(team.members["hna"]!)), ("to", String(team.ids["hnb"]!))])
            #expect(response.status.code == 422)
            #expect(response.text.contains("只能分配给您可见的在职红娘"))
            #expect(try await team.owner(of: team.members["hna"]!) == team.ids["hna"])
            var hnA = try await Browser.login(client, "hna")
            #expect(try await hnA.get("/m/members/allocation/presale").status == .forbidden)
        }
    }

    @Test("the unallocated pool is visible to scope all, and allocating from it assigns the first owner")
    func pool() async throws {
        let team = try await MembersTeam.make()
        let role = try await team.t.role("分配主管", parent: nil)
        try await team.t.grant(role, ["members.member.view", "members.member.allocatePresale"], scope: "all")
        try await team.t.staff("alloc", role: role)
        try await team.t.test { client in
            var alloc = try await Browser.login(client, "alloc")
            let page = try await alloc.get("/m/members/allocation/presale?state=unallocated")
            #expect(page.text.contains("u_pool") && !page.text.contains("u_hna"))
            let response = try await alloc.post("/m/members/allocation/presale?state=unallocated",
                                                multi: [("ids", String(team.members["pool"]!)), ("to", String(team.ids["hna"]!)), ("remark", "新资源")])
            #expect(response.status == .seeOther)
            #expect(try await team.owner(of: team.members["pool"]!) == team.ids["hna"])
        }
    }
}
