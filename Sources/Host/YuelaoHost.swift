import Foundation
import Kernel
import Logging
import PluginAPI
import SQLKit

/// The host: configuration, database, enabled modules in dependency order, kernel, services and routes.
public final class YuelaoHost: Sendable {
    public let config: HostConfig
    public let database: Database
    /// Every compiled-in module.
    public let available: [any Module]
    /// The enabled modules, dependencies first (the host's own core module first of all).
    public let modules: [any Module]
    public let logger: Logger
    let registry: PermissionRegistry
    let kernel: KernelStore
    let audit = AuditLog()
    let sessions: SessionService
    let logins: LoginService
    let throttle: AttemptThrottle
    let siteService: SiteSettingsService
    let regionService: RegionService
    let runtime: HostRuntime
    let catalog: MessageCatalog
    let uploads: UploadStore
    let apiTokens: APITokenService
    let versionClock: VersionClock
    /// Denied kernel decisions: logged (rate-limited) and counted.
    let deniedLog = DeniedDecisionLog()
    /// Every route of every enabled module, validated.
    let routes: [(module: any Module, spec: RouteSpec)]

    /// Builds the host; throws a clear error for a bad configuration or a route that fails to register.
    public init(config: HostConfig, available: [any Module], logger: Logger = Logger(label: "yuelao")) throws {
        let config = config.withSettingDefaults(of: available)
        self.config = config
        self.available = available
        self.logger = logger
        let enabledIDs = config.enabledIDs
        let enabled = available.filter { enabledIDs.contains($0.id) }
        guard case .success(let ordered) = ModuleOrder.sort(enabled) else {
            throw ConfigErrors(errors: [ConfigError(file: config.file, line: nil, "dependency cycle among enabled modules")])
        }
        let database = try Database(url: config.databaseURL, logger: logger)
        self.database = database
        self.registry = PermissionRegistry(modules: ordered)
        self.kernel = KernelStore(registry: registry)
        self.sessions = SessionService(database: database)
        let throttle = AttemptThrottle(database: database)
        self.throttle = throttle
        self.logins = LoginService(database: database, audit: audit, throttle: throttle)
        let clock = VersionClock()
        self.versionClock = clock
        self.siteService = SiteSettingsService(database: database, audit: audit, clock: clock)
        self.regionService = RegionService(database: database)
        self.apiTokens = APITokenService(database: database)
        self.uploads = UploadStore(directory: (config.dataDirectory as NSString).appendingPathComponent("uploads"))
        var catalog = CoreMessages.catalog
        for module in ordered { catalog.merge(module.messages, prefix: module.id) }
        self.catalog = catalog
        self.runtime = HostRuntime(db: database, messages: catalog, siteService: siteService, regionService: regionService,
                                   audit: audit, events: EventBus(modules: ordered), uploads: uploads,
                                   kernel: kernel, clock: clock, throttle: throttle,
                                   moduleSettings: Dictionary(ordered.map { ($0.id, config.settings(of: $0.id)) }, uniquingKeysWith: { a, _ in a }),
                                   recordPanels: Dictionary(grouping: ordered.flatMap { module in module.panels.map { (moduleID: module.id, panel: $0) } },
                                                            by: \.panel.slot))
        let core = CoreModule(deps: CoreModule.Deps(database: database, sessions: sessions, audit: audit, registry: registry,
                                                    uploads: uploads, modules: ordered, kernel: kernel, apiTokens: apiTokens,
                                                    throttle: throttle))
        self.modules = [core] + ordered
        var routes: [(module: any Module, spec: RouteSpec)] = []
        var rootClaims: [String: String] = [:]
        for module in modules {
            let declared = Set(module.permissions.flatMap { $0.keys(module: module.id) })
            var collector = RouteCollector(moduleID: module.id, declared: declared)
            try module.routes(&collector)
            for spec in collector.routes {
                if spec.mount == .root {
                    let claim = "\(spec.method.rawValue) \(spec.path)"
                    if let other = rootClaims[claim] {
                        throw RouteRegistrationError(module: module.id, description: "\(claim): path already claimed by module '\(other)'")
                    }
                    rootClaims[claim] = module.id
                }
                routes.append((module, spec))
            }
        }
        self.routes = routes
    }

    /// Runs pending migrations and loads the shipped data (regions).
    public func migrate() async throws {
        try await MigrationRunner(database: database, logger: logger).run(modules: Array(modules.dropFirst()))
        for note in try await SchemaNotes.collect(modules, db: database.sql) { logger.warning("\(note)") }
        try await regionService.loadIfEmpty(logger: logger)
        await database.refreshStatistics()
    }

    /// Closes the database pools.
    public func shutdown() async {
        await database.shutdown()
    }
}
