import ArgumentParser
import Foundation
import PluginAPI

/// A subcommand that needs the available modules.
protocol HostCommand {
    /// The shared options (the path of `modules.yaml`, whose directory holds `modules.d/`).
    var options: GlobalOptions { get }
    func run(modules: [any Module]) async throws
}

/// Modules defined outside Swift — e.g. the YAML files under `modules.d/` next to `modules.yaml` — given the configuration's
/// directory and the compiled-in modules. Throws an error whose description names the file and line of each problem.
public typealias ModuleSource = @Sendable (_ configDirectory: String, _ compiled: [any Module]) throws -> [any Module]

/// Entry point of the `yuelao` executable.
public enum CLI {
    /// Parses `arguments` and runs the command with the compiled-in `modules` plus those of `sources` (declarative modules).
    public static func main(modules: [any Module], sources: [ModuleSource] = [],
                            arguments: [String] = Array(CommandLine.arguments.dropFirst())) async {
        do {
            let command = try YuelaoCommand.parseAsRoot(arguments)
            if let hostCommand = command as? HostCommand {
                try await hostCommand.run(modules: available(modules, sources: sources, config: hostCommand.options.config))
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

extension CLI {
    /// The compiled-in modules followed by those the sources find next to `config`; a bad definition ends the command
    /// with its `file:line` messages on standard error and exit code 1 (so `yuelao modules check` fails).
    static func available(_ compiled: [any Module], sources: [ModuleSource], config: String) throws -> [any Module] {
        let directory = (config as NSString).deletingLastPathComponent
        var modules = compiled
        do {
            for source in sources { modules += try source(directory, modules) }
        } catch {
            FileHandle.standardError.write(Data((String(describing: error) + "\n").utf8))
            throw ExitCode(1)
        }
        return modules
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
