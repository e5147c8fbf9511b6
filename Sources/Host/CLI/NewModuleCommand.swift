import ArgumentParser
import Foundation
import PluginAPI

struct NewModuleCommand: AsyncParsableCommand, HostCommand {
    static let configuration = CommandConfiguration(
        commandName: "new-module",
        abstract: "Scaffold a module under Plugins/<Name> with its tests, and register it in Package.swift.",
        discussion: "The module has one resource with the five standard permissions, a migration, list/create/edit/delete pages and their JSON API, a menu entry, a dashboard widget, demo data, zh-CN/en labels and visibility tests. See docs/modules.md.")
    @OptionGroup var options: GlobalOptions
    @Argument(help: "The module id: a lowercase letter, then lowercase letters, digits or underscores (e.g. points).") var id: String
    @Option(help: "The repository root (the folder with Package.swift).") var root: String = "."

    func run() async throws { throw ValidationError("run through the yuelao executable") }

    func run(modules: [any Module]) async throws {
        let scaffold = ModuleScaffold(id: id)
        let rootURL = URL(fileURLWithPath: root)
        if let problem = scaffold.problem(root: rootURL, compiledIn: modules.map(\.id)) {
            FileHandle.standardError.write(Data("yuelao new-module: \(problem)\n".utf8))
            throw ExitCode(1)
        }
        let written = try scaffold.write(root: rootURL)
        for path in written { Console.line("  wrote \(path)") }
        Console.line("""

            Module '\(id)' is registered in Package.swift. Switch it on in modules.yaml, under `modules:`:

            \(scaffold.yamlLines)

            Then: swift build && swift test --filter \(scaffold.name)Tests && swift run yuelao migrate
            """)
    }
}
