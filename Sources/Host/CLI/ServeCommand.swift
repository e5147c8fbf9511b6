import ArgumentParser
import Foundation
import Hummingbird
import PluginAPI

struct ServeCommand: AsyncParsableCommand, HostCommand {
    static let configuration = CommandConfiguration(commandName: "serve", abstract: "Migrate, then serve the staff UI and the public pages.")

    @OptionGroup var options: GlobalOptions
    @Option(help: "Address to listen on (overrides modules.yaml).") var host: String?
    @Option(help: "Port to listen on (overrides modules.yaml).") var port: Int?
    @Option(name: .customLong("demo"), help: "Seed demo data of this size when the database has no demo data yet (0: none).")
    var demoSize: Int = 0
    @Option(help: "Login of the first administrator, created when there is none.") var adminLogin: String = "admin"
    @Option(help: "Password of the first administrator (generated and printed once when omitted).") var adminPassword: String?

    func run() async throws { throw ValidationError("run through the yuelao executable") }

    func run(modules: [any Module]) async throws {
        var config = try options.load(modules)
        let address = host ?? config.host
        // Demo data served on this machine only: plain-HTTP cookies, unless modules.yaml decides.
        if !config.secureCookiesSet, demoSize > 0, ["127.0.0.1", "::1", "localhost"].contains(address) { config.secureCookies = false }
        let yuelao = try YuelaoHost(config: config, available: modules, logger: Logging.makeLogger())
        try await yuelao.migrate()
        let admin = try await Bootstrap(host: yuelao).ensureAdministrator(login: adminLogin, password: adminPassword)
        if let admin { Console.line("Created the first administrator — login: \(admin.login)  password: \(admin.password)  (shown once)") }
        if demoSize > 0 {
            try await DemoSeeder(host: yuelao).seedIfEmpty(size: demoSize)
        }
        let metrics = MetricsEndpoint.bootstrap(token: yuelao.config.metricsToken)
        let router = yuelao.buildRouter(metrics: metrics)
        let app = Application(
            router: router,
            configuration: .init(address: .hostname(address, port: port ?? yuelao.config.port), serverName: "yuelao"),
            services: [SessionSweeper(host: yuelao), yuelao.outboxWorker(), ModuleJobRunner(host: yuelao)],
            logger: yuelao.logger
        )
        try await app.runService()
        await yuelao.shutdown()
    }
}
