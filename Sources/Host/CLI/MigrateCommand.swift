import ArgumentParser
import PluginAPI

struct MigrateCommand: AsyncParsableCommand, HostCommand {
    static let configuration = CommandConfiguration(commandName: "migrate", abstract: "Apply pending migrations of the host and the enabled modules.")
    @OptionGroup var options: GlobalOptions

    func run() async throws { throw ValidationError("run through the yuelao executable") }

    func run(modules: [any Module]) async throws {
        let yuelao = try options.makeHost(modules)
        let applied = try await MigrationRunner(database: yuelao.database, logger: yuelao.logger).run(modules: Array(yuelao.modules.dropFirst()))
        try await RegionService(database: yuelao.database).loadIfEmpty(logger: yuelao.logger)
        Console.line(applied.isEmpty ? "Nothing to migrate." : applied.map { "applied \($0.0) v\($0.1)" }.joined(separator: "\n"))
        for note in try await SchemaNotes.collect(yuelao.modules, db: yuelao.database.sql) { Console.line(note) }
        await yuelao.shutdown()
    }
}
