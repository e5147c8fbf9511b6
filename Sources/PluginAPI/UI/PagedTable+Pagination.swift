import Foundation

extension PagedTable {
    /// Pages shown either side of the current one.
    static let pageWindow = 2

    /// `<nav class="pagination">`: row count, first/previous, a window of page numbers, next/last, "page X of Y".
    /// Usable alone under a list that is not a table (a timeline): give the table no columns and rows.
    public func renderPagination(strings: UIStrings) -> HTML {
        let current = page.page, count = page.pageCount
        var parts: [String] = []
        parts.append("<span class=\"total\">\(escapeHTML(strings.formatTotalRows(page.total, capped: page.totalIsCapped)))</span>")
        parts.append(pageLink(strings.first, to: 1, enabled: current > 1, cssClass: "first"))
        parts.append(pageLink(strings.previous, to: current - 1, enabled: current > 1, cssClass: "prev", rel: "prev"))

        let low = max(1, min(current, count) - Self.pageWindow)
        let high = min(count, max(current, 1) + Self.pageWindow)
        if low > 1 { parts.append("<span class=\"gap\" aria-hidden=\"true\">…</span>") }
        if low <= high {
            for number in low...high {
                if number == current {
                    parts.append("<span class=\"page current\" aria-current=\"page\">\(number)</span>")
                } else {
                    parts.append("<a class=\"page\" href=\"\(escapeAttr(pageURL(number)))\">\(number)</a>")
                }
            }
        }
        if high < count { parts.append("<span class=\"gap\" aria-hidden=\"true\">…</span>") }

        parts.append(pageLink(strings.next, to: current + 1, enabled: current < count, cssClass: "next", rel: "next"))
        parts.append(pageLink(strings.last, to: count, enabled: current < count, cssClass: "last"))
        parts.append("<span class=\"page-of\">\(escapeHTML(strings.formatPageOfTotal(current, count)))</span>")
        return HTML(raw: "<nav class=\"pagination\" aria-label=\"\(escapeAttr(strings.pagination))\">"
            + parts.joined(separator: " ") + "</nav>")
    }

    private func pageLink(_ label: String, to number: Int, enabled: Bool, cssClass: String, rel: String? = nil) -> String {
        guard enabled else {
            return "<span class=\"\(cssClass) disabled\" aria-disabled=\"true\">\(escapeHTML(label))</span>"
        }
        let relAttr = rel.map { " rel=\"\($0)\"" } ?? ""
        return "<a class=\"\(cssClass)\" href=\"\(escapeAttr(pageURL(number)))\"\(relAttr)>\(escapeHTML(label))</a>"
    }
}
