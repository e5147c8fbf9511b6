import Foundation
import PluginAPI

/// Finds the declarative modules of an installation: one YAML file per module under `modules.d/`, next to `modules.yaml`.
///
/// ```swift
/// await CLI.main(modules: compiled, sources: [DeclarativeModuleSource.modules])
/// ```
/// A module found here is off until `modules.yaml` lists it under `modules:` (like any compiled-in module).
public enum DeclarativeModuleSource {
    /// The folder name, relative to the configuration's directory.
    public static let folder = "modules.d"

    /// The modules defined under `<configDirectory>/modules.d` (none when the folder is missing), in file-name order.
    /// Throws `DefinitionErrors` naming the file and line of every problem of every file.
    public static func modules(configDirectory: String, compiled: [any Module]) throws -> [any Module] {
        try load(configDirectory: configDirectory, compiled: compiled)
    }

    /// The same, typed.
    public static func load(configDirectory: String, compiled: [any Module]) throws -> [DeclarativeModule] {
        let directory = configDirectory.isEmpty || configDirectory == "." ? folder : (configDirectory as NSString).appendingPathComponent(folder)
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: directory) else { return [] }
        var reserved = Set(compiled.map(\.id)).union(["core"])
        var modules: [DeclarativeModule] = []
        var errors: [DefinitionError] = []
        for name in names.sorted() where name.hasSuffix(".yaml") || name.hasSuffix(".yml") {
            let path = (directory as NSString).appendingPathComponent(name)
            do {
                let text = try String(contentsOfFile: path, encoding: .utf8)
                let definition = try DefinitionParser(file: path, reservedIDs: reserved).parse(text)
                // Tables are named <module>_<table>: module `crm_lead` with table `note` would share `crm_lead_note` with
                // module `crm`'s table `lead_note` (or a compiled module's table), and so each other's rows.
                if let other = reserved.first(where: { definition.id.hasPrefix($0 + "_") || $0.hasPrefix(definition.id + "_") }) {
                    let line = text.split(separator: "\n", omittingEmptySubsequences: false).firstIndex { $0.hasPrefix("id:") }.map { $0 + 1 }
                    errors.append(DefinitionError(file: path, line: line, module: definition.id,
                                                  "module id '\(definition.id)' and module '\(other)' would share table names: one id may not start with the other followed by '_'"))
                    continue
                }
                reserved.insert(definition.id)
                modules.append(DeclarativeModule(definition))
            } catch let found as DefinitionErrors {
                errors += found.errors
            } catch {
                errors.append(DefinitionError(file: path, line: nil, module: nil, "cannot be read: \(error.localizedDescription)"))
            }
        }
        if !errors.isEmpty { throw DefinitionErrors(errors) }
        return modules
    }
}
