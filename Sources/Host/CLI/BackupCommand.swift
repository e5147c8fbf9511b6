import ArgumentParser
import Foundation
import PluginAPI
import SQLKit

struct BackupCommand: AsyncParsableCommand, HostCommand {
    static let configuration = CommandConfiguration(commandName: "backup", abstract: "Write a consistent copy of the SQLite database (safe while the host runs).")
    @OptionGroup var options: GlobalOptions
    @Option(help: "Destination file (default: data/backups/yuelao-<UTC time>.sqlite).") var to: String?

    func run() async throws { throw ValidationError("run through the yuelao executable") }

    func run(modules: [any Module]) async throws {
        let yuelao = try options.makeHost(modules)
        defer { Task { await yuelao.shutdown() } }
        guard yuelao.database.flavor == .sqlite else {
            throw ValidationError("backup copies the embedded SQLite database; for PostgreSQL use pg_dump")
        }
        let stamp = ISO8601DateFormatter().string(from: Date()).replacingOccurrences(of: ":", with: "")
        let destination = to ?? "\(yuelao.config.dataDirectory)/backups/yuelao-\(stamp).sqlite"
        try await Backup.sqlite(yuelao.database, to: destination)
        Console.line("Backup written to \(destination)")
    }
}

/// Consistent SQLite copies through `VACUUM INTO`, which reads one snapshot while writers go on (WAL).
enum Backup {
    static func sqlite(_ database: Database, to destination: String) async throws {
        let directory = (destination as NSString).deletingLastPathComponent
        if !directory.isEmpty { try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true) }
        guard !FileManager.default.fileExists(atPath: destination) else { throw ValidationError("\(destination) already exists") }
        try await database.sql.raw("VACUUM INTO \(bind: destination)").run()
    }
}
