import ArgumentParser
import Foundation
import PluginAPI

/// A subcommand that needs the compiled-in modules.
protocol HostCommand {
    func run(modules: [any Module]) async throws
}

/// Entry point of the `yuelao` executable.
public enum CLI {
    /// Parses `arguments` and runs the command with the compiled-in `modules`.
    public static func main(modules: [any Module], arguments: [String] = Array(CommandLine.arguments.dropFirst())) async {
        do {
            let command = try YuelaoCommand.parseAsRoot(arguments)
            if let hostCommand = command as? HostCommand {
                try await hostCommand.run(modules: modules)
            } else if var asyncCommand = command as? AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                var plain = command
                try plain.run()
            }
        } catch {
            YuelaoCommand.exit(withError: error)
        }
    }
}

struct YuelaoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "yuelao",
        abstract: "Yuelao (月老): a web application host for matchmaking agencies.",
        subcommands: [ServeCommand.self, MigrateCommand.self, ModulesCommand.self, AdminCommand.self, DemoCommand.self, BackupCommand.self, NewModuleCommand.self, HelloCommand.self],
        defaultSubcommand: ServeCommand.self
    )
}

/// Options every command shares.
struct GlobalOptions: ParsableArguments {
    @Option(name: .long, help: "Path of modules.yaml.")
    var config: String = "modules.yaml"

    func load(_ modules: [any Module]) throws -> HostConfig {
        try ConfigLoader(available: modules).load(path: config)
    }

    func makeHost(_ modules: [any Module]) throws -> YuelaoHost {
        try YuelaoHost(config: try load(modules), available: modules, logger: Logging.makeLogger())
    }
}
