import Foundation
@testable import Host
import HostTesting
import HummingbirdTesting
import PluginAPI
import Testing

@Suite("the OpenAPI document describes every JSON API route")
struct OpenAPITests {
    static func parse(_ text: String) -> [String: Any] {
        (try? JSONSerialization.jsonObject(with: Data(text.utf8))) as? [String: Any] ?? [:]
    }

    @Test("every /api/ route of every enabled module is an operation with its path parameters, success and error answers; nothing else is")
    func everyRouteDocumented() async throws {
        let t = try await TestHost.make(modules: AllRoutesAccessTests.modules)
        try await t.admin()
        let expected = Set(t.host.routes.filter { $0.spec.mount == .api }.map { module, spec in
            "\(spec.method.rawValue.lowercased()) \(OpenAPIDocument.path(module: module.id, spec.path).path)"
        })
        #expect(expected.count >= 10)
        try await t.test { client in
            var admin = try await Browser.login(client, "admin")
            let page = try await admin.get("/api/openapi.json")
            #expect(page.status == .ok && page.headers[.contentType]?.hasPrefix("application/json") == true)
            let document = Self.parse(page.text)
            #expect(document["openapi"] as? String == "3.1.0")
            let paths = try #require(document["paths"] as? [String: [String: Any]])
            var found = Set<String>()
            for (path, methods) in paths {
                for (method, value) in methods {
                    found.insert("\(method) \(path)")
                    let operation = try #require(value as? [String: Any])
                    #expect((operation["summary"] as? String)?.isEmpty == false, "\(method) \(path) has a summary")
                    let responses = try #require(operation["responses"] as? [String: Any])
                    #expect(["401", "403", "404", "422"].allSatisfy { responses[$0] != nil }, "\(method) \(path) lists the errors")
                    #expect(responses.keys.contains { $0.hasPrefix("2") }, "\(method) \(path) has a success answer")
                    let parameters = operation["parameters"] as? [[String: Any]] ?? []
                    let inPath = Set(parameters.filter { $0["in"] as? String == "path" }.compactMap { $0["name"] as? String })
                    let named = Set(path.split(separator: "/").filter { $0.hasPrefix("{") }.map { String($0.dropFirst().dropLast()) })
                    #expect(inPath == named, "\(method) \(path) declares its path parameters")
                    if method == "post" || method == "put" { #expect(operation["requestBody"] != nil, "\(method) \(path) has a body") }
                }
            }
            #expect(found == expected, "missing: \(expected.subtracting(found).sorted()), extra: \(found.subtracting(expected).sorted())")
            let schemes = (document["components"] as? [String: Any])?["securitySchemes"] as? [String: Any]
            #expect(schemes?["bearer"] != nil)
        }
    }

    @Test("the document is for logged-in staff (session or API token); anonymous callers get the API's 401")
    func loggedInOnly() async throws {
        let t = try await TestHost.make(modules: AllRoutesAccessTests.modules)
        try await t.staff("hn", role: try await t.role("红娘"))
        try await t.test { client in
            var visitor = Browser(client)
            let anonymous = try await visitor.get("/api/openapi.json")
            #expect(anonymous.status == .unauthorized)
            #expect(Self.parse(anonymous.text)["error"] as? String != nil)
            var hn = try await Browser.login(client, "hn")
            let token = try await hn.createAPIToken()
            let viaToken = try await client.executeRequest(uri: "/api/openapi.json", method: .get,
                                                           headers: [.authorization: "Bearer \(token)"], body: nil)
            #expect(viaToken.status == .ok)
            #expect(Self.parse(String(buffer: viaToken.body))["paths"] as? [String: Any] != nil)
        }
    }

    @Test("a real answer has every property its schema requires: the member list and its items, the caller's account")
    func answersMatchRequiredProperties() async throws {
        let t = try await TestHost.make(modules: AllRoutesAccessTests.modules)
        try await t.admin()
        try await t.test { client in
            var admin = try await Browser.login(client, "admin")
            let created = try await admin.json(.post, "/api/members", body: #"{"username": "api_doc_1", "gender": "female", "birthday": "1992-03-04", "province": "110000"}"#)
            #expect(created.status == .created, "\(created.text)")
            let document = Self.parse(try await admin.get("/api/openapi.json").text)
            func required(_ path: String, _ method: String, _ status: String) -> [String: Any] {
                let paths = document["paths"] as? [String: [String: Any]]
                let operation = paths?[path]?[method] as? [String: Any]
                let answer = (operation?["responses"] as? [String: Any])?[status] as? [String: Any]
                return ((answer?["content"] as? [String: Any])?["application/json"] as? [String: Any])?["schema"] as? [String: Any] ?? [:]
            }
            let listSchema = required("/api/members", "get", "200")
            let list = Self.parse(try await admin.get("/api/members").text)
            #expect(Set(listSchema["required"] as? [String] ?? []).isSubset(of: Set(list.keys)))
            let itemSchema = (listSchema["properties"] as? [String: Any])?["items"] as? [String: Any]
            let itemRequired = ((itemSchema?["items"] as? [String: Any])?["required"] as? [String]) ?? []
            #expect(itemRequired.contains("uid"))
            let items = list["items"] as? [[String: Any]] ?? []
            #expect(items.count == 1)
            for item in items { #expect(Set(itemRequired).isSubset(of: Set(item.keys)), "\(item.keys.sorted())") }
            let meRequired = required("/api/core/me", "get", "200")["required"] as? [String] ?? []
            let me = Self.parse(try await admin.get("/api/core/me").text)
            #expect(!meRequired.isEmpty && Set(meRequired).isSubset(of: Set(me.keys)))
        }
    }
}
