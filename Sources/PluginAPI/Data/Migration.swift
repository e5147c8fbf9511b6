import SQLKit

/// One versioned step of a module's schema, written once for SQLite and PostgreSQL through SQLKit.
///
/// ```swift
/// Migration(version: 1, name: "create notes") { db in
///     try await db.create(table: "notes_note")
///         .column("id", type: .bigint, .primaryKey(autoIncrement: true))
///         .column("owner_id", type: .bigint, .notNull)
///         .run()
/// }
/// ```
public struct Migration: Sendable {
    /// Strictly increasing version within the module, starting at 1.
    public var version: Int
    /// Short description recorded with the version.
    public var name: String
    /// Applies the step; runs inside the module's migration transaction.
    public var up: @Sendable (any SQLDatabase) async throws -> Void

    /// Creates a migration step.
    public init(version: Int, name: String, up: @escaping @Sendable (any SQLDatabase) async throws -> Void) {
        self.version = version
        self.name = name
        self.up = up
    }
}

extension SQLDatabase {
    /// Whether this database speaks PostgreSQL (for the rare statement that differs).
    public var isPostgres: Bool { dialect.name == "postgresql" }

}
