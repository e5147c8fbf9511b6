import SQLKit

/// A module whose tables may hold more than it declares, in a way the operator should hear about — e.g. a declarative
/// module keeps the column and data of a field removed from its file. `yuelao migrate` and `yuelao modules check` print
/// the notes; `serve` logs them at start.
///
/// ```swift
/// extension MyModule: SchemaReporting {
///     func schemaNotes(_ db: any SQLDatabase) async throws -> [String] {
///         ["table my_table: field old removed from the definition: column kept with its data"]
///     }
/// }
/// ```
public protocol SchemaReporting: Module {
    /// One line per difference between the module's tables in `db` and its definition; empty when they match
    /// (or the tables do not exist yet).
    func schemaNotes(_ db: any SQLDatabase) async throws -> [String]
}

/// A module whose tables follow a definition rather than a list of one-way steps: after its pending migrations, the
/// host runs `syncSchema` on every migrate, in one transaction, so a definition changed back to an earlier state is
/// applied again (a declarative module that drops `unique:` and later restores the previous file). It must be idempotent.
///
/// ```swift
/// extension MyModule: SchemaSyncing {
///     func syncSchema(_ db: any SQLDatabase) async throws { try await MySchema.apply(db) }
/// }
/// ```
public protocol SchemaSyncing: Module {
    /// Brings the module's tables to its definition; changes nothing when they already match.
    func syncSchema(_ db: any SQLDatabase) async throws
}
