import Foundation
import Host
import Hummingbird
import HummingbirdTesting
import Logging
import PluginAPI
import SQLKit

/// A host over a throwaway database for tests: a temporary SQLite file, or — when `YUELAO_TEST_POSTGRES_URL`
/// is set (as `.ci/run` does) — a fresh schema in that PostgreSQL server.
public struct TestHost: Sendable {
    public let host: YuelaoHost
    public let databaseURL: String

    /// The database URL of a new, empty test database.
    public static func freshDatabaseURL() async throws -> String {
        let suffix = UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "").prefix(16)
        if let base = ProcessInfo.processInfo.environment["YUELAO_TEST_POSTGRES_URL"], !base.isEmpty {
            let schema = "t_\(suffix)"
            let admin = try Database(url: base)
            do {
                try await admin.sql.raw("CREATE SCHEMA \(ident: schema)").run()
            } catch {
                await admin.shutdown()
                throw error
            }
            await admin.shutdown()
            return base + (base.contains("?") ? "&" : "?") + "search_path=\(schema)"
        }
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("yuelao-tests", isDirectory: true)
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return "sqlite://" + dir.appendingPathComponent("\(suffix).sqlite").path
    }

    /// Whether the suite runs against PostgreSQL.
    public static var isPostgres: Bool { !(ProcessInfo.processInfo.environment["YUELAO_TEST_POSTGRES_URL"] ?? "").isEmpty }

    /// A migrated host with `modules` available and those in `enabled` (default: all) switched on, and the outbox
    /// transports of `notifications` (default: e-mail and SMS to the log).
    public static func make(modules: [any Module], enabled: [String]? = nil, databaseURL: String? = nil,
                            dataDirectory: String? = nil, settings: [String: [String: SettingValue]] = [:],
                            notifications: NotificationConfig = NotificationConfig(),
                            configure: @Sendable (inout HostConfig) -> Void = { _ in }) async throws -> TestHost {
        var url = databaseURL ?? ""
        if databaseURL == nil { url = try await freshDatabaseURL() }
        var config = HostConfig.defaults(file: "test.yaml", moduleIDs: modules.map(\.id))
        config.databaseURL = url
        config.notifications = notifications
        config.secureCookies = false   // the in-process client speaks plain HTTP; SecureCookieTests turns it on
        config.dataDirectory = dataDirectory ?? FileManager.default.temporaryDirectory.appendingPathComponent("yuelao-data-\(UUID().uuidString)").path
        if let enabled {
            for index in config.modules.indices { config.modules[index].enabled = enabled.contains(config.modules[index].id) }
        }
        configure(&config)
        for index in config.modules.indices {
            if let values = settings[config.modules[index].id] { config.modules[index].settings = ModuleSettings(values) }
        }
        var logger = Logger(label: "test")
        logger.logLevel = .warning
        let host = try YuelaoHost(config: config, available: modules, logger: logger)
        do {
            try await host.migrate()
        } catch {
            await host.shutdown()   // a pool released without shutdown trips async-kit's assertion and kills the whole run
            throw error
        }
        return TestHost(host: host, databaseURL: url)
    }

    /// The same database with another set of enabled modules (for disable/enable round trips).
    public func reopen(modules: [any Module], enabled: [String]) async throws -> TestHost {
        await host.shutdown()
        return try await TestHost.make(modules: modules, enabled: enabled, databaseURL: databaseURL, dataDirectory: host.config.dataDirectory)
    }

    public var db: any SQLDatabase { host.database.sql }

    /// Runs `body` with an in-process client of the host's router, then closes the database.
    /// With `live`, the host is served on a real loopback port (`client.port`), for a real browser (`RealBrowser`).
    public func test(live: Bool = false, _ body: @escaping @Sendable (any TestClientProtocol) async throws -> Void) async throws {
        var quiet = Logger(label: "test.http")
        quiet.logLevel = .warning
        let app = Application(router: host.buildRouter(), configuration: .init(address: .hostname("127.0.0.1", port: 0)), logger: quiet)
        do {
            try await app.test(live ? .live : .router, body)
        } catch {
            await host.shutdown()
            throw error
        }
        await host.shutdown()
    }
}
