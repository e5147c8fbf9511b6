import Foundation
import Logging
import PluginAPI
import SQLKit

/// The region table: loaded once from the shipped `regions.tsv`, read through `RegionDirectory`.
struct RegionService: RegionDirectory {
    let database: Database

    func children(of code: String?) async throws -> [Region] {
        let query = database.sql.select().columns("code", "parent_code", "level", "name").from("core_region")
        if let code { query.where("parent_code", .equal, code) } else { query.where("level", .equal, 1) }
        return try await query.orderBy("code").all(decoding: Row.self).map(\.region)
    }

    func path(_ code: String) async throws -> [Region] {
        var result: [Region] = []
        var next: String? = code
        while let current = next, result.count < 4 {
            guard let row = try await database.sql.select().columns("code", "parent_code", "level", "name").from("core_region")
                .where("code", .equal, current).first(decoding: Row.self) else { break }
            result.insert(row.region, at: 0)
            next = row.parent_code
        }
        return result
    }

    func names(_ codes: Set<String>) async throws -> [String: String] {
        let wanted = codes.filter { !$0.isEmpty }
        guard !wanted.isEmpty else { return [:] }
        let rows = try await database.sql.select().columns("code", "parent_code", "level", "name").from("core_region")
            .where("code", .in, Array(wanted)).all(decoding: Row.self)
        return Dictionary(rows.map { ($0.code, $0.name) }, uniquingKeysWith: { a, _ in a })
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
