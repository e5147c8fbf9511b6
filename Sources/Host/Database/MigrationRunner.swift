import Logging
import PluginAPI
import SQLKit

/// Runs pending migrations: one transaction per module, versions recorded in `core_module_migration`.
struct MigrationRunner {
    let database: Database
    let logger: Logger

    /// Applies pending migrations of `core` then of `modules` (in dependency order). Returns the applied (module, version) pairs.
    @discardableResult
    func run(modules: [any Module]) async throws -> [(String, Int)] {
        try await database.sql.create(table: "core_module_migration").ifNotExists()
            .column("module", type: .text, .notNull)
            .column("version", type: .int, .notNull)
            .column("name", type: .text, .notNull)
            .column("applied_at", type: .bigint, .notNull)
            .primaryKey("module", "version")
            .run()
        var applied: [(String, Int)] = []
        let plan: [(String, [Migration])] = [("core", CoreSchema.migrations)] + modules.map { ($0.id, $0.migrations) }
        for (module, migrations) in plan {
            let done = try await database.sql.select().column("version").from("core_module_migration")
                .where("module", .equal, module).all(decodingColumn: "version", as: Int.self)
            let pending = migrations.filter { !done.contains($0.version) }.sorted { $0.version < $1.version }
            guard !pending.isEmpty else { continue }
            try await database.transaction { db in
                for migration in pending {
                    try await migration.up(db)
                    try await db.insert(into: "core_module_migration")
                        .columns("module", "version", "name", "applied_at")
                        .values(SQLBind(module), SQLBind(migration.version), SQLBind(migration.name), SQLBind(Clock.now()))
                        .run()
                }
            }
            for migration in pending {
                logger.info("migrated", metadata: ["module": .string(module), "version": .stringConvertible(migration.version), "name": .string(migration.name)])
                applied.append((module, migration.version))
            }
        }
        // Modules whose tables follow a definition are brought to it on every migrate (idempotent), so returning to an
        // earlier definition — whose version is already in the ledger — is applied too.
        for case let module as any SchemaSyncing in modules {
            try await database.transaction { db in try await module.syncSchema(db) }
        }
        return applied
    }
}
