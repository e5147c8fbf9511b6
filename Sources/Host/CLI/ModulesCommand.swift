import ArgumentParser
import Foundation
import PluginAPI

struct ModulesCommand: AsyncParsableCommand, HostCommand {
    static let configuration = CommandConfiguration(commandName: "modules", abstract: "List modules with state, version and dependencies; `check` validates modules.yaml.")
    @OptionGroup var options: GlobalOptions
    @Argument(help: "`check` to validate the file and exit non-zero on errors.") var action: String?

    func run() async throws { throw ValidationError("run through the yuelao executable") }

    func run(modules: [any Module]) async throws {
        if let action, action != "check" { throw ValidationError("unknown action '\(action)' (use: check)") }
        let config: HostConfig
        do {
            config = try options.load(modules)
        } catch let errors as ConfigErrors {
            FileHandle.standardError.write(Data((errors.description + "\n").utf8))
            throw ExitCode(1)
        }
        if action == "check" {
            Console.line("\(config.file): OK (\(config.enabledIDs.count) of \(modules.count) modules enabled)")
            for note in await SchemaNotes.existing(config, modules) { Console.line(note) }
            return
        }
        let width = max(14, (modules.map(\.id.count).max() ?? 0) + 2)
        Console.line("MODULE".padding(toLength: width, withPad: " ", startingAt: 0) + "STATE     VERSION  DEPENDS ON")
        for module in modules {
            let state = config.enabledIDs.contains(module.id) ? "enabled" : "disabled"
            let deps = module.manifest.dependencies.isEmpty ? "—" : module.manifest.dependencies.joined(separator: ", ")
            Console.line(module.id.padding(toLength: width, withPad: " ", startingAt: 0) + state.padding(toLength: 10, withPad: " ", startingAt: 0)
                  + module.manifest.version.padding(toLength: 9, withPad: " ", startingAt: 0) + deps)
        }
    }
}
