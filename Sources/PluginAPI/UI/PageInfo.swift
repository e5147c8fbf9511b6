import Foundation

/// Where a paged list stands: current page, page size and row count.
///
/// ```swift
/// let page = PageInfo(page: Int(query["page"] ?? "") ?? 1, pageSize: 20, total: count, totalIsCapped: count >= 10_000)
/// let rows = try await db.select()...limit(page.pageSize).offset(page.offset)
/// ```
public struct PageInfo: Sendable, Equatable {
    /// The current page, 1-based.
    public var page: Int
    /// Rows per page, 1…500.
    public var pageSize: Int
    /// Counted rows, possibly capped.
    public var total: Int
    /// Whether counting stopped at ``total`` (shown as "10,000+").
    public var totalIsCapped: Bool

    /// Creates page information; `page` is clamped to ≥ 1, `pageSize` to 1…500, `total` to ≥ 0.
    /// - Parameters:
    ///   - page: The requested page (1-based).
    ///   - pageSize: Rows per page.
    ///   - total: Counted rows.
    ///   - totalIsCapped: Whether counting stopped at `total`.
    public init(page: Int, pageSize: Int, total: Int, totalIsCapped: Bool = false) {
        self.page = max(1, page)
        self.pageSize = min(500, max(1, pageSize))
        self.total = max(0, total)
        self.totalIsCapped = totalIsCapped
    }

    /// The number of pages, at least 1.
    public var pageCount: Int {
        let size = min(500, max(1, pageSize))
        return max(1, (max(0, total) + size - 1) / size)
    }

    /// The SQL offset of the current page's first row.
    public var offset: Int {
        (max(1, page) - 1) * min(500, max(1, pageSize))
    }

    /// Whether a previous page exists.
    public var hasPrevious: Bool { page > 1 }

    /// Whether a later page exists.
    public var hasNext: Bool { page < pageCount }
}
