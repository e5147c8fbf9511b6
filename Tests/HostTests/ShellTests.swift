import Foundation
@testable import Host
import HostTesting
import Hummingbird
import HummingbirdTesting
import Settings
import SQLKit
import Testing

@Suite("the shell: dashboard, language, metrics, backup")
struct ShellTests {
    /// swift-metrics can be bootstrapped once per process: every test shares this endpoint.
    static let metrics = MetricsEndpoint.bootstrap(token: "metrics-token-for-tests")

    func widgets(_ html: String) -> [String] {
        html.components(separatedBy: "data-widget=\"").dropFirst().map { String($0.prefix { $0 != "\"" }) }
    }

    // MARK: - Dashboard

    @Test("the dashboard greets the user with name, role and previous login, and shows every widget to the administrator")
    func dashboardAdmin() async throws {
        let t = try await TestHost.make(modules: [SettingsModule()])
        let id = try await t.admin()
        try await t.db.update("core_user").set("last_login_at", to: AuditPagesTests.shanghai("2025-12-24 20:30")).where("id", .equal, id).run()
        try await t.test { client in
            var admin = try await Browser.login(client, "admin")
            let home = try await admin.get("/")
            #expect(home.status == .ok)
            #expect(home.text.contains("<title>工作台 · 月老婚恋</title>"))
            #expect(home.text.contains("欢迎, ADMIN"))
            #expect(home.text.contains("角色: 系统管理员"))
            #expect(home.text.contains("上次登录: 2025-12-24 20:30"))
            #expect(widgets(home.text) == ["core.staff", "core.audit", "settings.agency"])
        }
    }

    @Test("a role sees only the widgets it may: a first login says so, and a role with none gets the empty note")
    func dashboardWidgetsByRole() async throws {
        let t = try await TestHost.make(modules: [SettingsModule()])
        try await t.admin()
        let manager = try await t.role("经理")
        let hn = try await t.role("红娘", parent: manager)
        try await t.grant(manager, ["core.staff.view"])
        try await t.staff("mgr", role: manager)
        try await t.staff("hn1", role: hn)
        try await t.staff("hn2", role: hn, status: "disabled")
        try await t.staff("guest", role: try await t.role("访客"))
        try await t.test { client in
            var mgr = try await Browser.login(client, "mgr")
            let home = try await mgr.get("/")
            #expect(widgets(home.text) == ["core.staff"])
            #expect(home.text.contains("<div class=\"stat\">2</div>"))        // self + active subordinate, not admin or the disabled one
            #expect(home.text.contains("上次登录: 首次登录") && home.text.contains("角色: 经理"))
            var guest = try await Browser.login(client, "guest")
            let empty = try await guest.get("/")
            #expect(widgets(empty.text).isEmpty)
            #expect(empty.text.contains("您的角色暂时没有可显示的工作台组件。"))
            var anonymous = Browser(client)
            let redirect = try await anonymous.get("/")
            #expect(redirect.status == .seeOther && redirect.location == "/login")
        }
    }

    // MARK: - Language

    @Test("switching to English changes the labels and is remembered for the user; switching back restores Chinese")
    func language() async throws {
        let t = try await TestHost.make(modules: [SettingsModule()])
        try await t.admin()
        try await t.test { client in
            var admin = try await Browser.login(client, "admin")
            let switched = try await admin.post("/language", form: ["to": "en"])
            #expect(switched.status == .seeOther && switched.location == "/")
            #expect(try await t.userColumn("admin", "language") == "en")
            let home = try await admin.get("/")
            #expect(home.text.contains("<html lang=\"en\">") && home.text.contains("<title>Dashboard · "))
            #expect(home.text.contains("Welcome, ADMIN") && home.text.contains(">Settings</a>") && !home.text.contains("工作台"))
            #expect(try await admin.get("/m/core/staff").text.contains("<h1>Staff</h1>"))
            var again = try await Browser.login(client, "admin")            // remembered across sessions
            #expect(try await again.get("/").text.contains("Dashboard"))
            _ = try await admin.post("/language", form: ["to": "zh-CN"])
            #expect(try await admin.get("/").text.contains("<title>工作台 · "))
            #expect(try await admin.post("/language", form: ["to": "en", "_csrf": "forged"]).status == .badRequest)
            #expect(try await t.userColumn("admin", "language") == "zh-CN")
        }
    }

    // MARK: - Metrics

    @Test("/metrics refuses a non-loopback client without the bearer token and answers Prometheus text with it")
    func metricsEndpoint() async throws {
        let t = try await TestHost.make(modules: [])
        let app = Application(router: t.host.buildRouter(metrics: Self.metrics), configuration: .init(address: .hostname("127.0.0.1", port: 0)))
        do {
            try await app.test(.router) { client in
                _ = try await client.executeRequest(uri: "/healthz", method: .get, headers: [:], body: nil)
                let anonymous = try await client.executeRequest(uri: "/metrics", method: .get, headers: [:], body: nil)
                #expect(anonymous.status == .forbidden)
                #expect(!String(buffer: anonymous.body).contains("yuelao_"))
                let wrong = try await client.executeRequest(uri: "/metrics", method: .get, headers: [.authorization: "Bearer nope"], body: nil)
                #expect(wrong.status == .forbidden)
                let ok = try await client.executeRequest(uri: "/metrics", method: .get,
                                                         headers: [.authorization: "Bearer metrics-token-for-tests"], body: nil)
                let text = String(buffer: ok.body)
                #expect(ok.status == .ok)
                #expect(ok.headers[.contentType]?.hasPrefix("text/plain; version=0.0.4") == true)
                #expect(text.contains("# TYPE yuelao_requests_total counter"))
                #expect(text.contains("yuelao_requests_total{") && text.contains("route=\"/healthz\""))
            }
        } catch {
            await t.host.shutdown()
            throw error
        }
        await t.host.shutdown()
    }

    @Test("without a metrics endpoint the host mounts no /metrics route")
    func metricsNotMounted() async throws {
        let t = try await TestHost.make(modules: [])
        try await t.test { client in
            let response = try await client.executeRequest(uri: "/metrics", method: .get, headers: [.authorization: "Bearer metrics-token-for-tests"], body: nil)
            #expect(response.status == .notFound)
        }
    }

    // MARK: - Backup

    struct UserRow: Decodable, Equatable { let id: Int64; let login: String; let password_hash: String; let role_id: Int64; let status: String }

    func users(_ db: any SQLDatabase) async throws -> [UserRow] {
        try await db.select().columns("id", "login", "password_hash", "role_id", "status").from("core_user").orderBy("id").all(decoding: UserRow.self)
    }

    @Test("a backup of the SQLite database opens and holds the same staff accounts; an existing file is never overwritten",
          .enabled(if: !TestHost.isPostgres))
    func backup() async throws {
        let t = try await TestHost.make(modules: [SettingsModule()])
        try await t.admin()
        try await t.staff("hn1", role: try await t.role("红娘"))
        try await t.staff("hn2", role: try await t.role("经理"), status: "disabled")
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("yuelao-backup-\(UUID().uuidString)").path
        let destination = (directory as NSString).appendingPathComponent("nested/copy.sqlite")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let original = try await users(t.db)
        try await Backup.sqlite(t.host.database, to: destination)
        await #expect(throws: (any Error).self) { try await Backup.sqlite(t.host.database, to: destination) }
        await t.host.shutdown()

        let copy = try Database(url: "sqlite://" + destination)
        do {
            #expect(original.count == 3)
            #expect(try await users(copy.sql) == original)
            let option = try await copy.sql.select().column("label_zh").from("settings_dict_option").where("code", .equal, "bachelor")
                .first(decodingColumn: "label_zh", as: String.self)
            #expect(option == "本科")
        } catch {
            await copy.shutdown()
            throw error
        }
        await copy.shutdown()
    }
}
