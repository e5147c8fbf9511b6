import ArgumentParser
import PluginAPI

struct DemoCommand: AsyncParsableCommand, HostCommand {
    static let configuration = CommandConfiguration(commandName: "demo", abstract: "Generate realistic demo data: a staff team, then each enabled module's records.")
    @OptionGroup var options: GlobalOptions
    @Option(help: "Roughly how many main records each module creates.") var size: Int = 1000

    func run() async throws { throw ValidationError("run through the yuelao executable") }

    func run(modules: [any Module]) async throws {
        guard size >= 0 else { throw ValidationError("--size must be 0 or more") }
        let yuelao = try options.makeHost(modules)
        try await yuelao.migrate()
        if let admin = try await Bootstrap(host: yuelao).ensureAdministrator(login: "admin", password: nil) {
            Console.line("Created the first administrator — login: \(admin.login)  password: \(admin.password)  (shown once)")
        }
        try await DemoSeeder(host: yuelao).seed(size: size)
        await yuelao.database.refreshStatistics()
        await yuelao.shutdown()
    }
}
