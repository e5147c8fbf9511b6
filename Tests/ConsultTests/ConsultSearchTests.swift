import Foundation
import HostTesting
import PluginAPI
import SQLKit
import Testing

@Suite("consultation search and dashboard")
struct ConsultSearchTests {
    @Test("the lists search by member UID, member username, contact name, mobile, matchmaker, date range and importance")
    func search() async throws {
        let team = try await ConsultTeam.make()
        let hna = try #require(team.ids["hna"]), hnb = try #require(team.ids["hnb"])
        let member = try await team.t.db.insert(into: "members_member").columns("username", "gender", "birthday", "province", "owner_id", "registered_at")
            .values(SQLBind("wang_li"), SQLBind("female"), SQLBind("1995-01-01"), SQLBind("440000"), SQLBind(hna), SQLBind(Int64(0)))
            .returning("id").first(decodingColumn: "id", as: Int64.self) ?? 0
        let linked = try await team.consultation("王丽", mobile: "13500000001", owner: hna)
        try await team.t.db.update("consult_consultation").set("member_id", to: member).set("important", to: 1).where("id", .equal, linked).run()
        _ = try await team.consultation("陈先生", mobile: "13500000002", owner: hnb)
        let old = try await team.consultation("旧客户", mobile: "13600000003", owner: hna)
        // 2026-01-10 12:00 in Shanghai.
        try await team.t.db.update("consult_consultation").set("created_at", to: Int64(1_768_017_600)).where("id", .equal, old).run()
        try await team.t.test { client in
            var gm = try await Browser.login(client, "gm")
            func names(_ query: String) async throws -> [String] {
                let html = try await gm.get("/m/consult/?\(query)").text
                return ["王丽", "陈先生", "旧客户"].filter { html.contains(">\($0)</a>") }
            }
            #expect(try await names("") == ["王丽", "陈先生", "旧客户"])
            #expect(try await names("uid=\(member)") == ["王丽"])
            #expect(try await names("username=wang_li") == ["王丽"])
            #expect(try await names("contact_name=先生") == ["陈先生"])
            #expect(try await names("mobile=1350000") == ["王丽", "陈先生"])
            #expect(try await names("owner=\(hnb)") == ["陈先生"])
            #expect(try await names("from=2026-01-10&until=2026-01-10") == ["旧客户"])
            #expect(try await names("important=1") == ["王丽"])
            let page = try await gm.get("/m/consult/?owner=\(hnb)").text
            #expect(page.contains("name=\"contact_name\"") && page.contains("value=\"\(hnb)\" selected"))
        }
    }

    @Test("the dashboard card counts my pending consultations, and for allocators those waiting for allocation")
    func widget() async throws {
        let team = try await ConsultTeam.make()
        _ = try await team.consultation("甲", mobile: "13500000011", owner: team.ids["hna"])
        _ = try await team.consultation("乙", mobile: "13500000012")
        _ = try await team.consultation("丙", mobile: "13500000013")
        try await team.t.test { client in
            var hna = try await Browser.login(client, "hna")
            let mine = try await hna.get("/").text
            #expect(mine.contains("分配给我的待处理咨询") && !mine.contains("待分配的咨询"))
            var desk = try await Browser.login(client, "desk")
            let dashboard = try await desk.get("/").text
            let card = try #require(dashboard.range(of: "待分配的咨询")).upperBound
            #expect(dashboard[card...].prefix(40).contains(">2<") && dashboard.contains("href=\"/m/consult/allocation\""))
        }
    }
}
