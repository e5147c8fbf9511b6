import Foundation
import HostTesting
import SQLKit
import Testing

@Suite("points: every route through the kernel")
struct PointsAccessTests {
    @Test("the owner creates, lists, edits and deletes her item; each change is audited")
    func owner() async throws {
        let team = try await PointsTeam.make()
        try await team.t.test { client in
            var hna = try await Browser.login(client, "hna")
            #expect(try await hna.get("/m/points/new").status == .ok)
            #expect(try await hna.post("/m/points/", form: ["title": "第一条", "note": "备注"]).status == .seeOther)
            let id = try #require(try await team.t.db.select().column("id").from("points_item").where("title", .equal, "第一条")
                .first(decodingColumn: "id", as: Int64.self))
            #expect(try await team.row(id)?.owner_id == team.ids["hna"])
            let list = try await hna.get("/m/points/")
            #expect(list.status == .ok && list.text.contains("第一条"))
            #expect(try await hna.get("/m/points/\(id)/edit").text.contains("备注"))
            #expect(try await hna.post("/m/points/\(id)", form: ["title": "改过", "note": ""]).status == .seeOther)
            #expect(try await team.row(id)?.title == "改过")
            #expect(try await hna.post("/m/points/\(id)/delete").status == .seeOther)
            #expect(try await team.row(id) == nil)
            #expect(try await team.t.auditRows(action: "item.create").count == 1)
            #expect(try await team.t.auditRows(action: "item.delete").first?.before_state == "改过")
        }
    }

    @Test("a peer neither lists nor opens another matchmaker's item: 404 on every route, nothing changes; her lead sees it")
    func peer() async throws {
        let team = try await PointsTeam.make()
        let item = try await team.item("红娘A的条目", owner: "hna")
        try await team.t.test { client in
            var hnb = try await Browser.login(client, "hnb")
            #expect(try await !hnb.get("/m/points/").text.contains("红娘A的条目"))
            #expect(try await hnb.get("/m/points/\(item)/edit").status == .notFound)
            #expect(try await hnb.post("/m/points/\(item)", form: ["title": "改"]).status == .notFound)
            #expect(try await hnb.post("/m/points/\(item)/delete").status == .notFound)
            #expect(try await hnb.get("/api/points/\(item)").status == .notFound)
            #expect(try await team.row(item)?.title == "红娘A的条目")
            var lead = try await Browser.login(client, "lead")
            #expect(try await lead.get("/m/points/").text.contains("红娘A的条目"))
            #expect(try await lead.get("/m/points/\(item)/edit").status == .ok)
        }
    }

    @Test("a viewer with view only (scope all) lists every item and gets 403 on every changing route")
    func viewer() async throws {
        let team = try await PointsTeam.make()
        let item = try await team.item("红娘A的条目", owner: "hna")
        try await team.t.test { client in
            var viewer = try await Browser.login(client, "viewer")
            #expect(try await viewer.get("/m/points/").text.contains("红娘A的条目"))
            #expect(try await viewer.get("/m/points/new").status == .forbidden)
            #expect(try await viewer.post("/m/points/", form: ["title": "新"]).status == .forbidden)
            #expect(try await viewer.get("/m/points/\(item)/edit").status == .forbidden)
            #expect(try await viewer.post("/m/points/\(item)", form: ["title": "改"]).status == .forbidden)
            #expect(try await viewer.post("/m/points/\(item)/delete").status == .forbidden)
            #expect(try await team.row(item)?.title == "红娘A的条目")
            #expect(try await team.t.count("points_item") == 1)
        }
    }

    @Test("an empty or too long title is refused with a message naming the field, and nothing is written")
    func validation() async throws {
        let team = try await PointsTeam.make()
        try await team.t.test { client in
            var hna = try await Browser.login(client, "hna")
            let empty = try await hna.post("/m/points/", form: ["title": " "])
            #expect(empty.status == .unprocessableContent)
            #expect(HTMLProbe.fieldError("title", in: empty.text, form: "points-form") == "请填写标题。")
            let long = try await hna.post("/m/points/", form: ["title": String(repeating: "长", count: 81)])
            #expect(HTMLProbe.fieldError("title", in: long.text, form: "points-form") == "标题长度须为 1–80 个字符。")
            #expect(try await team.t.count("points_item") == 0)
        }
    }

    @Test("the JSON API creates (201), refuses bad input (422), hides others' items (404) and needs the grant (403)")
    func api() async throws {
        let team = try await PointsTeam.make()
        let other = try await team.item("红娘B的条目", owner: "hnb")
        try await team.t.test { client in
            var hna = try await Browser.login(client, "hna")
            let bad = try await hna.json(.post, "/api/points", body: #"{"title":""}"#)
            #expect(bad.status.code == 422 && bad.text.contains("title"))
            let good = try await hna.json(.post, "/api/points", body: #"{"title":"接口条目","note":"n"}"#)
            #expect(good.status.code == 201 && good.text.contains("\"title\":\"接口条目\""))
            let list = try await hna.get("/api/points")
            #expect(list.text.contains("接口条目") && !list.text.contains("红娘B的条目") && list.text.contains("\"total\":1"))
            #expect(try await hna.get("/api/points/\(other)").status == .notFound)
            #expect(try await hna.json(.put, "/api/points/\(other)", body: #"{"title":"改"}"#).status == .notFound)
            #expect(try await team.row(other)?.title == "红娘B的条目")
            var viewer = try await Browser.login(client, "viewer")
            #expect(try await viewer.json(.delete, "/api/points/\(other)").status == .forbidden)
            #expect(try await viewer.get("/api/points/\(other)").status == .ok)
            #expect(try await team.row(other) != nil)
        }
    }
}
