import Foundation
import Host
import HostTesting
import HTTPTypes
import HummingbirdTesting
import Settings
import SQLKit
import Testing

@Suite("the audit log pages")
struct AuditPagesTests {
    struct Row: Decodable, Equatable {
        let id: Int64; let at: Int64; let actor_login: String; let module: String; let action: String
        let target: String; let before_state: String?; let after_state: String?
    }

    /// Epoch seconds of a wall-clock time in Asia/Shanghai (the default agency time zone).
    static func shanghai(_ text: String) -> Int64 {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "Asia/Shanghai")
        formatter.dateFormat = "yyyy-MM-dd HH:mm"
        return Int64(formatter.date(from: text)?.timeIntervalSince1970 ?? 0)
    }

    /// Four entries by two users in two modules around the February boundary.
    func seed(_ t: TestHost) async throws {
        let entries: [(String, String, String, String)] = [
            ("alice", "core", "staff.create", "2026-01-10 09:00"),
            ("bob", "settings", "site.update", "2026-02-01 00:10"),        // 2026-01-31 in UTC
            ("alice", "settings", "dictionary.add", "2026-02-28 23:50"),
            ("bob", "core", "role.update", "2026-03-01 00:05"),
        ]
        for (login, module, action, time) in entries {
            try await t.db.insert(into: "core_audit").columns("at", "actor_id", "actor_login", "module", "action", "target", "before_state", "after_state")
                .values(SQLBind(Self.shanghai(time)), SQLBind(Int64?.none), SQLBind(login), SQLBind(module), SQLBind(action),
                        SQLBind("x:1"), SQLBind("before"), SQLBind("after"))
                .run()
        }
    }

    func all(_ t: TestHost) async throws -> [Row] {
        try await t.db.select().columns("id", "at", "actor_login", "module", "action", "target", "before_state", "after_state")
            .from("core_audit").orderBy("id").all(decoding: Row.self)
    }

    // MARK: - Filters

    @Test("filters by user, module, action and date (in the agency's time zone) narrow the list")
    func filters() async throws {
        let t = try await TestHost.make(modules: [SettingsModule()])
        try await t.admin()
        try await seed(t)
        try await t.test { client in
            var admin = try await Browser.login(client, "admin")
            func actions(_ query: String) async throws -> [String] {
                let page = try await admin.get("/api/core/audit?size=100&\(query)")
                #expect(page.status == .ok)
                return try JSONDecoder().decode([Row].self, from: Data(page.text.utf8)).map(\.action)
            }
            #expect(try await actions("") == ["role.update", "dictionary.add", "site.update", "staff.create"])
            #expect(try await actions("user=alice") == ["dictionary.add", "staff.create"])
            #expect(try await actions("module=settings") == ["dictionary.add", "site.update"])
            #expect(try await actions("user=bob&module=core") == ["role.update"])
            #expect(try await actions("action=update") == ["role.update", "site.update"])
            #expect(try await actions("from=2026-02-01&to=2026-02-28") == ["dictionary.add", "site.update"])
            #expect(try await actions("from=2026-03-01") == ["role.update"])
            #expect(try await actions("to=2026-01-31") == ["staff.create"])
            #expect(try await actions("user=carol") == [])

            let page = try await admin.get("/m/core/audit?module=settings&from=2026-02-01&to=2026-02-28")
            #expect(page.status == .ok)
            #expect(page.text.contains("site.update") && page.text.contains("dictionary.add"))
            #expect(!page.text.contains("staff.create") && !page.text.contains("role.update"))
            #expect(page.text.contains("2026-02-28 23:50") && page.text.contains("2026-02-01 00:10"))
            #expect(page.text.contains("<option value=\"settings\" selected>"))
        }
    }

    @Test("the audit log needs the audit view grant, in the page and the API")
    func needsGrant() async throws {
        let t = try await TestHost.make(modules: [])
        try await seed(t)
        let reader = try await t.role("审计员"), other = try await t.role("红娘")
        try await t.grant(reader, ["core.audit.view"])
        try await t.staff("auditor", role: reader)
        try await t.staff("hn", role: other)
        try await t.test { client in
            var hn = try await Browser.login(client, "hn")
            let page = try await hn.get("/m/core/audit")
            #expect(page.status == .forbidden && !page.text.contains("staff.create"))
            let api = try await hn.get("/api/core/audit")
            #expect(api.status == .forbidden && !api.text.contains("staff.create"))
            var auditor = try await Browser.login(client, "auditor")
            #expect(try await auditor.get("/m/core/audit").text.contains("staff.create"))
        }
    }

    // MARK: - Append-only

    @Test("no route edits or deletes the audit log: POST, PUT, PATCH and DELETE answer 404/405 and the rows stay as they were")
    func appendOnly() async throws {
        let t = try await TestHost.make(modules: [SettingsModule()])
        try await t.admin()
        try await seed(t)
        let before = try await all(t)
        try await t.test { client in
            var admin = try await Browser.login(client, "admin")
            let csrf: HTTPFields = [HTTPField.Name("X-CSRF-Token")!: admin.csrf]
            let id = try #require(before.first).id
            let attempts: [(HTTPRequest.Method, String)] = [
                (.post, "/m/core/audit"), (.post, "/m/core/audit/\(id)"), (.post, "/m/core/audit/\(id)/delete"),
                (.post, "/m/core/audit/\(id)/edit"), (.post, "/m/core/audit/batch-delete"),
                (.delete, "/m/core/audit"), (.delete, "/m/core/audit/\(id)"), (.put, "/m/core/audit/\(id)"), (.patch, "/m/core/audit/\(id)"),
                (.post, "/api/core/audit"), (.delete, "/api/core/audit"), (.delete, "/api/core/audit/\(id)"),
                (.put, "/api/core/audit/\(id)"), (.patch, "/api/core/audit/\(id)"),
            ]
            for (method, uri) in attempts {
                let response = try await admin.send(method, uri, headers: csrf)
                #expect([404, 405].contains(response.status.code), "\(method) \(uri) answered \(response.status)")
            }
            for uri in ["/m/core/audit/\(id)/delete", "/m/core/audit", "/m/core/audit/batch-delete"] {
                let response = try await admin.post(uri, form: ["ids": String(id), "action": "x"])
                #expect([404, 405].contains(response.status.code), "POST \(uri) answered \(response.status)")
            }
            #expect(try await all(t) == before)
        }
    }
}
