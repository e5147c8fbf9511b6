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
