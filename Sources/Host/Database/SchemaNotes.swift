import Foundation
import PluginAPI
import SQLKit

/// What the modules that report on their tables (`SchemaReporting`) have to say, e.g. a declarative module's columns
/// kept for removed fields: printed by `yuelao migrate` and `yuelao modules check`, logged by `serve` at start.
enum SchemaNotes {
    /// The notes of `modules` over `db`, each as `module 'id': note`.
    static func collect(_ modules: [any Module], db: any SQLDatabase) async throws -> [String] {
        var lines: [String] = []
        for case let module as any SchemaReporting in modules {
            lines += try await module.schemaNotes(db).map { "module '\(module.id)': \($0)" }
        }
        return lines
    }

    /// The notes of the enabled reporting modules of `config`, read from a database that already exists (an SQLite
    /// file is never created for this); empty when there is none or it cannot be reached.
    static func existing(_ config: HostConfig, _ modules: [any Module]) async -> [String] {
        let reporting = modules.filter { config.enabledIDs.contains($0.id) && $0 is any SchemaReporting }
        guard !reporting.isEmpty else { return [] }
        if config.databaseURL.hasPrefix("sqlite:") {
            var path = String(config.databaseURL.dropFirst("sqlite:".count))
            if path.hasPrefix("//") { path.removeFirst(2) }
            guard FileManager.default.fileExists(atPath: path) else { return [] }
        }
        guard let database = try? Database(url: config.databaseURL) else { return [] }
        let lines = (try? await collect(reporting, db: database.sql)) ?? []
        await database.shutdown()
        return lines
    }
}
