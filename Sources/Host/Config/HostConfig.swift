import PluginAPI

/// The parsed `modules.yaml`.
public struct HostConfig: Sendable {
    /// One module's block.
    public struct ModuleEntry: Sendable, Equatable {
        public var id: String
        public var enabled: Bool
        public var settings: ModuleSettings
        public var line: Int?
    }

    public var file: String
    public var databaseURL: String
    public var host: String
    public var port: Int
    /// Whether cookies are `Secure` (and the session cookie `__Host-` prefixed) and HSTS is sent. True unless
    /// `modules.yaml` says false, or — when it says nothing — the host serves demo data on loopback (`serve --demo`).
    public var secureCookies: Bool
    /// Whether `server.secure_cookies` was set in the file (else `serve` decides, see ``secureCookies``).
    public var secureCookiesSet = false
    /// `server.trusted_proxies`: whose `X-Forwarded-For` is believed (none by default).
    public var trustedProxies = TrustedProxies.none
    public var metricsToken: String?
    public var dataDirectory: String
    /// Modules in file order.
    public var modules: [ModuleEntry]
    /// The `notifications:` block: outbox transports and worker timing.
    public var notifications = NotificationConfig()

    /// The default configuration used when no file exists: SQLite under `data/`, every known module on.
    public static func defaults(file: String, moduleIDs: [String]) -> HostConfig {
        HostConfig(file: file, databaseURL: "sqlite://data/yuelao.sqlite", host: "127.0.0.1", port: 8080,
                   secureCookies: true, metricsToken: nil, dataDirectory: "data",
                   modules: moduleIDs.map { ModuleEntry(id: $0, enabled: true, settings: ModuleSettings(), line: nil) })
    }

    /// The session cookie's name: `__Host-yl_sid` when cookies are secure (bound to this host, path `/`, HTTPS only).
    public var sessionCookieName: String { secureCookies ? "__Host-yl_sid" : "yl_sid" }
    /// The anonymous CSRF cookie's name for public forms and the login page.
    public var anonymousCookieName: String { secureCookies ? "__Host-yl_pre" : "yl_pre" }

    /// Ids of the enabled modules.
    public var enabledIDs: Set<String> { Set(modules.filter(\.enabled).map(\.id)) }

    /// The same configuration with each module's schema defaults filled in for the settings the file does not set
    /// (there may be no file at all, or a module listed without a `settings` block).
    public func withSettingDefaults(of available: [any Module]) -> HostConfig {
        var config = self
        for index in config.modules.indices {
            guard let module = available.first(where: { $0.id == config.modules[index].id }) else { continue }
            for spec in module.settingsSchema where config.modules[index].settings.values[spec.key] == nil {
                config.modules[index].settings.values[spec.key] = spec.defaultValue
            }
        }
        return config
    }

    /// Settings of module `id`.
    public func settings(of id: String) -> ModuleSettings {
        modules.first { $0.id == id }?.settings ?? ModuleSettings()
    }
}
