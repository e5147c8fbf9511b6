import HostTesting
import HummingbirdTesting
import Members
import SQLKit
import Testing

@Suite("member search filters, statistics, after-sale allocation and avatar review")
struct MemberSearchStatsTests {
    /// gm sees: u_gm (female 1995 Guangdong), plus extra members below.
    func team() async throws -> MembersTeam {
        let team = try await MembersTeam.make()
        _ = try await team.member("male_bj_1980", owner: team.ids["hna"], mobile: "13900000010", gender: "male", birthday: "1980-03-01", province: "110000")
        _ = try await team.member("female_bj_2000", owner: team.ids["hna"], mobile: "13900000011", gender: "female", birthday: "2000-03-01", province: "110000")
        _ = try await team.member("signed_one", owner: team.ids["hna"], mobile: "13900000012", gender: "male", birthday: "1990-03-01", signed: true)
        return team
    }

    @Test("gender, province and age range narrow the list; uid and mobile find one member")
    func filters() async throws {
        let team = try await team()
        try await team.t.test { client in
            var gm = try await Browser.login(client, "gm")
            let beijing = try await gm.get("/m/members?province=110000").text
            #expect(beijing.contains("male_bj_1980") && beijing.contains("female_bj_2000") && !beijing.contains("u_hna"))
            let women = try await gm.get("/m/members?province=110000&gender=female").text
            #expect(women.contains("female_bj_2000") && !women.contains("male_bj_1980"))
            let older = try await gm.get("/m/members?age_min=40&age_max=60").text
            #expect(older.contains("male_bj_1980") && !older.contains("female_bj_2000") && !older.contains("u_hna"))
            let signed = try await gm.get("/m/members?signed=1").text
            #expect(signed.contains("signed_one") && !signed.contains("u_hna"))
            let byMobile = try await gm.get("/m/members?mobile=13900000011").text
            #expect(byMobile.contains("female_bj_2000") && !byMobile.contains("male_bj_1980"))
            let api = try await gm.get("/api/members?province=110000&gender=male").text
            #expect(api.contains("male_bj_1980") && api.contains("\"total\":1"))
        }
    }

    @Test("statistics count only visible members, by gender and province, as SVG with numbers")
    func statistics() async throws {
        let team = try await team()
        try await team.t.test { client in
            var hnB = try await Browser.login(client, "hnb")
            let own = try await hnB.get("/m/members/stats").text
            #expect(own.contains("<svg"))
            #expect(own.contains("广东省"))          // u_hnb lives in Guangdong
            #expect(!own.contains("北京市"))          // the Beijing members belong to hna's branch
            var gm = try await Browser.login(client, "gm")
            let all = try await gm.get("/m/members/stats").text
            #expect(all.contains("北京市") && all.contains("广东省"))
            #expect(all.contains("男") && all.contains("女"))
        }
    }

    @Test("a signed member waits in the after-sale pool and is allocated to an after-sale matchmaker")
    func aftersale() async throws {
        let team = try await team()
        let role = try await team.t.role("售后主管", parent: nil)
        try await team.t.grant(role, ["members.member.view", "members.member.allocateAftersale"], scope: "all")
        try await team.t.staff("after", role: role)
        let signed = try await team.t.db.select().column("id").from("members_member").where("username", .equal, "signed_one")
            .first(decodingColumn: "id", as: Int64.self) ?? 0
        try await team.t.test { client in
            var after = try await Browser.login(client, "after")
            let pool = try await after.get("/m/members/allocation/aftersale?state=unallocated").text
            #expect(pool.contains("signed_one") && !pool.contains("u_hna"))
            let response = try await after.post("/m/members/allocation/aftersale?state=unallocated",
                                                multi: [("ids", String(signed)), ("to", String(team.ids["hnb"]!)), ("remark", "签约转售后")])
            #expect(response.status == .seeOther)
            let owner = try await team.t.db.select().column("aftersale_owner_id").from("members_member").where("id", .equal, signed)
                .first(decodingColumn: "aftersale_owner_id", as: Int64?.self) ?? nil
            #expect(owner == team.ids["hnb"])
            // The after-sale matchmaker now sees the member although the pre-sale owner is in another branch.
            var hnB = try await Browser.login(client, "hnb")
            #expect(try await hnB.get("/m/members/\(signed)").status == .ok)
            let records = try await after.get("/m/members/allocations?kind=aftersale").text
            #expect(records.contains("签约转售后"))
            // An unsigned member cannot be slipped into an after-sale allocation.
            let wrong = try await after.post("/m/members/allocation/aftersale?state=unallocated",
                                             multi: [("ids", String(team.members["hna"]!)), ("to", String(team.ids["hnb"]!))])
            #expect(wrong.status.code == 409)
        }
    }

    @Test("an uploaded avatar waits for review; audit approves it")
    func avatarReview() async throws {
        let team = try await MembersTeam.make()
        let png: [UInt8] = MemberPhotoTests.png   // a well-formed PNG: a signature followed by junk is refused
        let gmRole = try await team.t.db.select().column("role_id").from("core_user").where("login", .equal, "gm").first(decodingColumn: "role_id", as: Int64.self) ?? 0
        try await team.t.grant(gmRole, ["members.member.audit"], scope: "subtree")
        try await team.t.test { client in
            var hnA = try await Browser.login(client, "hna")
            let fields = ["username": "有头像的人", "gender": "female", "birthday": "1993-01-01", "province": "440000", "customer_status": "searching"]
            let created = try await hnA.postMultipart("/m/members/", fields: fields, file: (name: "avatar", filename: "me.png", type: "image/png", bytes: png))
            #expect(created.status == .seeOther)
            struct Row: Decodable { let id: Int64; let avatar: String; let avatar_status: String }
            let row = try await team.t.db.select().columns("id", "avatar", "avatar_status").from("members_member").where("username", .equal, "有头像的人")
                .first(decoding: Row.self)
            #expect(row?.avatar_status == "pending" && row?.avatar.hasPrefix("/uploads/") == true && row?.avatar.contains("me.png") == false)
            #expect(try await hnA.post("/m/members/\(row?.id ?? 0)/avatar-review", form: ["decision": "approved"]).status == .forbidden)
            var gm = try await Browser.login(client, "gm")
            _ = try await gm.post("/m/members/\(row?.id ?? 0)/avatar-review", form: ["decision": "approved"])
            let status = try await team.t.db.select().column("avatar_status").from("members_member").where("id", .equal, row?.id ?? 0)
                .first(decodingColumn: "avatar_status", as: String.self)
            #expect(status == "approved")
        }
    }
}
