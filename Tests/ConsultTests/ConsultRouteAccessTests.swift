import Foundation
import HostTesting
import PluginAPI
import SQLKit
import Testing

@Suite("every consultation route through the kernel")
struct ConsultRouteAccessTests {
    /// The routes acting on one consultation, with what they need.
    static let routes: [(method: String, path: String)] = [
        ("GET", ""), ("GET", "/edit"), ("POST", ""), ("POST", "/important"), ("POST", "/result"), ("POST", "/process"), ("POST", "/reopen"),
        ("POST", "/convert"), ("POST", "/link"), ("POST", "/delete"),
    ]

    @Test("a peer gets 404 on every route of another matchmaker's consultation, and nothing changes")
    func peer() async throws {
        let team = try await ConsultTeam.make()
        let mine = try await team.consultation("红娘A的客户", owner: team.ids["hna"])
        let hnA = try #require(try await team.t.db.select().column("id").from("core_role").where("name", .equal, "红娘A")
            .first(decodingColumn: "id", as: Int64.self))
        try await team.t.grant(hnA, ["consult.consultation.delete"], scope: "own")   // the peer holds every grant the routes need
        try await team.t.test { client in
            var peer = try await Browser.login(client, "hna2")
            for route in Self.routes {
                let url = "/m/consult/\(mine)\(route.path)"
                let status = route.method == "GET" ? try await peer.get(url).status
                    : try await peer.post(url, form: ["contact_name": "改", "mobile": "13700000000", "message": "改", "result": "改"]).status
                #expect(status == .notFound, "\(route.method) \(url) → \(status)")
            }
            let row = try #require(try await team.row(mine))
            #expect(row.contact_name == "红娘A的客户" && row.result == "" && row.status == "pending" && row.important == 0)
        }
    }

    @Test("a supervisor with view only (scope all) sees a consultation and gets 403 on every changing route")
    func viewOnly() async throws {
        let team = try await ConsultTeam.make()
        let mine = try await team.consultation("红娘A的客户", owner: team.ids["hna"])
        let viewer = try await team.t.role("督导")
        try await team.t.grant(viewer, ["consult.consultation.view"], scope: "all")
        try await team.t.staff("viewer", role: viewer)
        try await team.t.test { client in
            var user = try await Browser.login(client, "viewer")
            #expect(try await user.get("/m/consult/\(mine)").status == .ok)
            for route in Self.routes where route.method == "POST" || route.path == "/edit" {
                let url = "/m/consult/\(mine)\(route.path)"
                let status = route.method == "GET" ? try await user.get(url).status : try await user.post(url).status
                #expect(status == .forbidden, "\(route.method) \(url) → \(status)")
            }
            #expect(try await team.row(mine)?.status == "pending")
        }
    }

    @Test("the owner may use every route: edit, importance, result, processed and back, then delete with the grant")
    func owner() async throws {
        let team = try await ConsultTeam.make()
        let mine = try await team.consultation("红娘A的客户", owner: team.ids["hna"])
        let hnA = try #require(try await team.t.db.select().column("id").from("core_role").where("name", .equal, "红娘A")
            .first(decodingColumn: "id", as: Int64.self))
        try await team.t.grant(hnA, ["consult.consultation.delete"], scope: "own")
        try await team.t.test { client in
            var hna = try await Browser.login(client, "hna")
            #expect(try await hna.get("/m/consult/\(mine)/edit").status == .ok)
            #expect(try await hna.post("/m/consult/\(mine)/process?back=pending").location == "/m/consult/")
            #expect(try await team.row(mine)?.status == "processed")
            #expect(try await hna.post("/m/consult/\(mine)/reopen").status == .seeOther)
            #expect(try await team.row(mine)?.status == "pending")
            let empty = try await hna.post("/m/consult/\(mine)/result", form: ["result": ""])
            #expect(empty.status == .unprocessableContent && HTMLProbe.fieldError("result", in: empty.text, form: "result-form") == "请填写处理结果。")
            #expect(try await hna.post("/m/consult/\(mine)/result", form: ["result": "已回访"]).status == .seeOther)
            let saved = try #require(try await team.row(mine))
            #expect(saved.result == "已回访" && saved.status == "pending")
            #expect(try await hna.post("/m/consult/\(mine)/delete").status == .seeOther)
            #expect(try await team.row(mine) == nil)
        }
    }
}
