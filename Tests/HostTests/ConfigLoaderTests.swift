import Host
import PluginAPI
import Testing

@Suite("modules.yaml")
struct ConfigLoaderTests {
    let loader = ConfigLoader(available: [
        StubModule("members"), StubModule("presale", deps: ["members"]),
        StubModule("settings", settings: [SettingSpec("page", default: .int(20))]),
        StubModule("a", deps: ["b"]), StubModule("b", deps: ["a"]),
    ])

    func errors(_ yaml: String) -> [ConfigError] {
        do {
            _ = try loader.parse(yaml, file: "modules.yaml")
            return []
        } catch let e as ConfigErrors {
            return e.errors
        } catch {
            return [ConfigError(file: "?", line: nil, "\(error)")]
        }
    }

    @Test("a valid file gives the database, server and module settings")
    func valid() throws {
        let config = try loader.parse("""
        database: sqlite://data/x.sqlite
        server:
          port: 9090
        modules:
          members: true
          presale:
            enabled: true
          settings:
            settings:
              page: 50
        """, file: "modules.yaml")
        #expect(config.databaseURL == "sqlite://data/x.sqlite")
        #expect(config.port == 9090)
        #expect(config.enabledIDs == ["members", "presale", "settings"])
        #expect(config.settings(of: "settings").int("page") == 50)
    }

    @Test("an unknown top-level key names its line")
    func unknownKey() {
        let found = errors("database: sqlite://x\nfrobnicate: 1\n")
        #expect(found.count == 1)
        #expect(found[0].line == 2)
        #expect(found[0].description.contains("modules.yaml:2"))
        #expect(found[0].message.contains("frobnicate"))
    }

    @Test("an unknown module id names the line and the module")
    func unknownModule() {
        let found = errors("modules:\n  members: true\n  membres: true\n")
        #expect(found.map(\.line) == [3])
        #expect(found[0].module == "membres")
    }

    @Test("a disabled dependency is an error on the dependent module's line")
    func disabledDependency() {
        let found = errors("modules:\n  members: false\n  presale: true\n")
        #expect(found.count == 1)
        #expect(found[0].module == "presale")
        #expect(found[0].line == 3)
        #expect(found[0].message.contains("disabled"))
    }

    @Test("a missing dependency is an error")
    func missingDependency() {
        let found = errors("modules:\n  presale: true\n")
        #expect(found.first?.message.contains("not listed") == true)
    }

    @Test("a dependency cycle is reported with its path")
    func cycle() {
        let found = errors("modules:\n  a: true\n  b: true\n")
        #expect(found.count == 1)
        #expect(found[0].message.contains("cycle"))
        #expect(found[0].message.contains("a → b → a") || found[0].message.contains("b → a → b"))
    }

    @Test("a setting of the wrong type names the setting and the expected type")
    func wrongType() {
        let found = errors("modules:\n  settings:\n    settings:\n      page: many\n")
        #expect(found.count == 1)
        #expect(found[0].line == 4)
        #expect(found[0].message.contains("page") && found[0].message.contains("integer"))
    }

    @Test("broken YAML reports a line")
    func brokenYAML() {
        let found = errors("modules:\n  members: [\n")
        #expect(found.count == 1)
        #expect(found[0].line != nil)
    }

    @Test("the environment overrides the database URL")
    func environmentOverride() throws {
        let config = try loader.load(path: "/nonexistent/modules.yaml", environment: ["YUELAO_DATABASE_URL": "postgres://u@h/db"])
        #expect(config.databaseURL == "postgres://u@h/db")
        #expect(config.enabledIDs.contains("members"))
    }

    @Test("without a file, or without a settings block, every module still gets its schema defaults")
    func schemaDefaults() throws {
        let modules: [any Module] = [StubModule("settings", settings: [SettingSpec("page", default: .int(20))]), StubModule("members")]
        let bare = HostConfig.defaults(file: "modules.yaml", moduleIDs: modules.map(\.id)).withSettingDefaults(of: modules)
        #expect(bare.settings(of: "settings").int("page") == 20)
        let listed = try ConfigLoader(available: modules).parse("modules:\n  settings:\n    settings:\n      page: 50\n", file: "modules.yaml")
        #expect(listed.withSettingDefaults(of: modules).settings(of: "settings").int("page") == 50)   // the file wins
    }

    // MARK: - notifications

    @Test("the notifications block sets the SMTP, webhook and worker settings; without it e-mail and SMS go to the log")
    func notifications() throws {
        let config = try loader.parse("""
        notifications:
          email: { transport: smtp, host: mail.example.com, port: 2525, from: "noreply@example.com", helo: crm.example.com, username: u, password: "p w" }
          sms: { transport: webhook, url: "https://sms.example.com/send", token: abc }
          worker: { interval_seconds: 10, max_attempts: 5, batch: 50 }
        """, file: "modules.yaml")
        let n = config.notifications
        #expect(n.email.transport == .smtp && n.email.host == "mail.example.com" && n.email.port == 2525)
        #expect(n.email.from == "noreply@example.com" && n.email.helo == "crm.example.com" && n.email.username == "u" && n.email.password == "p w")
        #expect(n.sms.transport == .webhook && n.sms.url == "https://sms.example.com/send" && n.sms.token == "abc")
        #expect(n.worker.intervalSeconds == 10 && n.worker.maxAttempts == 5 && n.worker.batch == 50 && n.worker.leaseSeconds == 120)
        let bare = try loader.parse("database: sqlite://x\n", file: "modules.yaml").notifications
        #expect(bare == NotificationConfig())
        #expect(bare.email.transport == .log && bare.sms.transport == .log && bare.worker.intervalSeconds == 5)
    }

    @Test("an unknown key in the notifications block names its line and the allowed keys")
    func notificationsUnknownKey() {
        let found = errors("notifications:\n  email:\n    transport: log\n    hots: mail.example.com\n")
        #expect(found.count == 1)
        #expect(found[0].line == 4)
        #expect(found[0].description.hasPrefix("modules.yaml:4: unknown key 'notifications.email.hots'"))
        #expect(found[0].message.contains("allowed: from, helo, host, password, port, timeout_seconds, transport, username"))
        #expect(errors("notifications:\n  fax: {}\n").first?.message.contains("'notifications.fax'") == true)
    }

    @Test("wrong types and values in the notifications block are each reported on their line")
    func notificationsWrongValues() {
        let found = errors("""
        notifications:
          email: { transport: pigeon }
          sms: { transport: webhook, url: "ftp://x" }
          worker:
            interval_seconds: often
            batch: 0
        """)
        #expect(found.map(\.line) == [2, 3, 5, 6])
        #expect(found[0].message == "notifications.email.transport must be one of smtp, log, none")
        #expect(found[1].message.contains("notifications.sms.url must be an http:// or https:// URL"))
        #expect(found[2].message == "notifications.worker.interval_seconds must be an integer 1–3600")
        #expect(found[3].message == "notifications.worker.batch must be an integer 1–500")
        let smtp = errors("notifications:\n  email:\n    transport: smtp\n")
        #expect(smtp.map(\.message) == ["notifications.email.from must be an e-mail address for transport smtp"])
    }
}

