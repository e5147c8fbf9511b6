import Foundation
import Logging
import PluginAPI
import SQLKit
import Synchronization

/// The region table: loaded once from the shipped `regions.tsv`, read through `RegionDirectory`.
final class RegionService: RegionDirectory {
    let database: Database

    init(database: Database) { self.database = database }

    /// The whole table, read once: 3,000-odd rows that never change while the host runs.
    final class Table: Sendable {
        let byCode: [String: Region]
        let children: [String: [Region]]
        init(_ regions: [Region]) {
            byCode = Dictionary(regions.map { ($0.code, $0) }, uniquingKeysWith: { a, _ in a })
            var children: [String: [Region]] = [:]
            for region in regions.sorted(by: { $0.code < $1.code }) { children[region.parentCode ?? "", default: []].append(region) }
            self.children = children
        }
    }
    let table = Mutex<Table?>(nil)

    func loaded() async throws -> Table {
        if let table = table.withLock({ $0 }) { return table }
        let rows = try await database.sql.select().columns("code", "parent_code", "level", "name").from("core_region").all(decoding: Row.self)
        let fresh = Table(rows.map(\.region))
        if !rows.isEmpty { table.withLock { $0 = fresh } }
        return fresh
    }

    func children(of code: String?) async throws -> [Region] {
        try await loaded().children[code ?? ""] ?? []
    }

    func path(_ code: String) async throws -> [Region] {
        let table = try await loaded()
        var result: [Region] = []
        var next: String? = code
        while let current = next, let region = table.byCode[current], result.count < 4 {
            result.insert(region, at: 0)
            next = region.parentCode
        }
        return result
    }

    func names(_ codes: Set<String>) async throws -> [String: String] {
        let table = try await loaded()
        var names: [String: String] = [:]
        for code in codes { if let region = table.byCode[code] { names[code] = region.name } }
        return names
    }

    /// Loads `regions.tsv` when the table is empty; returns the number of rows inserted.
    @discardableResult
    func loadIfEmpty(logger: Logger) async throws -> Int {
        let count = try await database.sql.select().column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n")
            .from("core_region").first(decodingColumn: "n", as: Int.self) ?? 0
        guard count == 0 else { return 0 }
        guard let url = Bundle.module.url(forResource: "regions", withExtension: "tsv", subdirectory: "Resources") else {
            logger.warning("regions.tsv not found in the bundle")
            return 0
        }
        let rows = try String(contentsOf: url, encoding: .utf8).split(separator: "\n").dropFirst().compactMap { line -> Region? in
            let f = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            guard f.count >= 4, let level = Int(f[2]) else { return nil }
            return Region(code: f[0], parentCode: f[1].isEmpty ? nil : f[1], level: level, name: f[3])
        }
        try await database.transaction { db in
            for chunk in stride(from: 0, to: rows.count, by: 200) {
                let insert = db.insert(into: "core_region").columns("code", "parent_code", "level", "name")
                for region in rows[chunk..<min(chunk + 200, rows.count)] {
                    insert.values(SQLBind(region.code), SQLBind(region.parentCode), SQLBind(region.level), SQLBind(region.name))
                }
                try await insert.run()
            }
        }
        logger.info("loaded regions", metadata: ["count": .stringConvertible(rows.count)])
        return rows.count
    }

    private struct Row: Decodable {
        let code: String; let parent_code: String?; let level: Int; let name: String
        var region: Region { Region(code: code, parentCode: parent_code, level: level, name: name) }
    }
}
