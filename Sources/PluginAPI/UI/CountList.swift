import Foundation

/// A dashboard card's list of counts, each a link to the list it counts: `label  1,234` (a capped count shows `10,000+`).
///
/// ```swift
/// var counts = CountList()
/// counts.add(req.t("widget.pending"), try await pending.count(req.db), href: "\(req.base)/?status=pending")
/// return counts.render()
/// ```
public struct CountList: Sendable {
    private var html = ""

    public init() {}

    /// Adds one line; `count` is what `ListQuery.count` answers.
    public mutating func add(_ label: String, _ count: (total: Int, capped: Bool), href: String) {
        html += "<li><a href=\"\(escapeAttr(UIMarkup.safeURL(href)))\"><span>\(escapeHTML(label))</span> <strong class=\"num\">"
        html += UIFormat.grouped(count.total) + (count.capped ? "+" : "") + "</strong></a></li>"
    }

    /// Adds one line that links nowhere (a count with no list of its own, e.g. the recipients a send left out).
    public mutating func add(_ label: String, _ count: Int) {
        html += "<li><span>\(escapeHTML(label))</span> <strong class=\"num\">\(UIFormat.grouped(count))</strong></li>"
    }

    public func render() -> HTML { HTML(raw: "<ul class=\"widget-list\">" + html + "</ul>") }
}
