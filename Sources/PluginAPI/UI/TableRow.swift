import Foundation

/// A row of a ``PagedTable``: its record id, one cell per column and optional row actions.
public struct TableRow: Sendable {
    /// The record id, submitted as `ids` by batch actions.
    public var id: String
    /// Trusted cell markup, one per column (missing cells render empty).
    public var cells: [HTML]
    /// Links or buttons shown in the last column.
    public var actions: [RowAction]

    /// Creates a row.
    /// - Parameters:
    ///   - id: The record id.
    ///   - cells: One cell per column; build them with ``HTML/text(_:)`` and friends.
    ///   - actions: Row actions; none by default.
    public init(id: String, cells: [HTML], actions: [RowAction] = []) {
        self.id = id
        self.cells = cells
        self.actions = actions
    }
}
