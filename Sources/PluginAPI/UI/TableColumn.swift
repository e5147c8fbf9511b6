import Foundation

/// A column of a ``PagedTable``.
public struct TableColumn: Sendable, Equatable {
    /// The sort key sent as `?sort=key` when the column is sortable.
    public var key: String
    /// The header text.
    public var label: String
    /// Whether the header links to sorting by ``key``.
    public var sortable: Bool
    /// Right-aligns the column (counts, money).
    public var numeric: Bool

    /// Creates a column.
    /// - Parameters:
    ///   - key: The sort key.
    ///   - label: The header text.
    ///   - sortable: Whether the header sorts; false by default.
    ///   - numeric: Whether to right-align; false by default.
    public init(key: String, label: String, sortable: Bool = false, numeric: Bool = false) {
        self.key = key
        self.label = label
        self.sortable = sortable
        self.numeric = numeric
    }
}
