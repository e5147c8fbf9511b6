import Foundation

/// The "where am I" trail above a page title: 会员管理 › 会员列表 › 编辑.
///
/// ```swift
/// Breadcrumbs([.init("会员管理", href: "/members"), .init("编辑会员")]).render(strings: strings)
/// ```
public struct Breadcrumbs: Sendable, Equatable {
    /// One step of the trail.
    public struct Item: Sendable, Equatable {
        /// The visible text.
        public var label: String
        /// The link; the current page has none.
        public var href: String?

        /// Creates a step.
        /// - Parameters:
        ///   - label: The visible text.
        ///   - href: The link, or nil for the current page.
        public init(_ label: String, href: String? = nil) {
            self.label = label
            self.href = href
        }
    }

    /// The steps, outermost first; the last is the current page.
    public var items: [Item]

    /// Creates a trail.
    /// - Parameter items: The steps, outermost first.
    public init(_ items: [Item]) {
        self.items = items
    }

    /// Renders `<nav class="breadcrumbs"><ol>…</ol></nav>`; the last step gets `aria-current="page"`.
    /// - Parameter strings: The localised fixed strings (for the navigation's label).
    public func render(strings: UIStrings = .zhCN) -> HTML {
        guard !items.isEmpty else { return .empty }
        var out = "<nav class=\"breadcrumbs\" aria-label=\"\(escapeAttr(strings.breadcrumbs))\"><ol>"
        for (index, item) in items.enumerated() {
            if index == items.count - 1 {
                out += "<li aria-current=\"page\">\(escapeHTML(item.label))</li>"
            } else if let href = item.href {
                out += "<li>" + HTML.link(item.label, href: href).raw + "</li>"
            } else {
                out += "<li>\(escapeHTML(item.label))</li>"
            }
        }
        return HTML(raw: out + "</ol></nav>")
    }
}
