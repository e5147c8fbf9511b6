import Foundation

/// The GET filter form above a list: fields in a compact grid, a search button and a reset link.
///
/// Fields keep the values they are given, so pass the current query values back in.
///
/// ```swift
/// SearchForm(action: "/members", fields: [
///     FormField(name: "q", label: "关键词", value: query["q"] ?? ""),
///     FormField(name: "ageFrom", label: "年龄", kind: .range(toName: "ageTo", toValue: query["ageTo"] ?? ""),
///               value: query["ageFrom"] ?? ""),
/// ], extraHidden: ["tab": "presale"]).render(strings: strings)
/// ```
public struct SearchForm: Sendable {
    /// The list URL the form submits to (and the reset link points at).
    public var action: String
    /// The filter fields.
    public var fields: [FormField]
    /// Hidden parameters to keep (e.g. a tab or page size), emitted sorted by name.
    public var extraHidden: [String: String]
    /// Further fields in a collapsible section (open when any of them has a value), and its summary label.
    public var more: [FormField] = []
    public var moreLabel = ""

    /// Creates a search form.
    /// - Parameters:
    ///   - action: The list URL.
    ///   - fields: The filter fields.
    ///   - extraHidden: Hidden parameters to keep.
    ///   - more: Fields shown in a collapsible section below the others, labelled `moreLabel`.
    public init(action: String, fields: [FormField], extraHidden: [String: String] = [:], more: [FormField] = [], moreLabel: String = "") {
        self.action = action
        self.fields = fields
        self.extraHidden = extraHidden
        self.more = more
        self.moreLabel = moreLabel
    }

    /// Renders the form; the reset link points at ``action`` with ``extraHidden`` kept.
    /// - Parameter strings: The localised fixed strings.
    public func render(strings: UIStrings) -> HTML {
        var attrs = MarkupAttributes()
        attrs.set("class", "search-form")
        attrs.set("method", "get")
        attrs.set("action", UIMarkup.safeURL(action))
        attrs.set("role", "search")
        var body = HTML.empty
        for key in extraHidden.keys.sorted() {
            body += UIMarkup.hidden(key, extraHidden[key] ?? "")
        }
        var visible: [HTML] = []
        for field in fields {
            if case .hidden = field.kind {
                body += field.render(strings: strings, idPrefix: "q")
            } else {
                visible.append(field.render(strings: strings, idPrefix: "q"))
            }
        }
        let resetURL = QueryItem.url(action, extraHidden.keys.sorted().map { QueryItem($0, extraHidden[$0] ?? "") })
        let actions = HTML(raw: "<div class=\"search-actions\"><button type=\"submit\" class=\"btn primary\">\(escapeHTML(strings.search))</button> ")
            + .link(strings.reset, href: resetURL, class: "btn") + HTML(raw: "</div>")
        if more.isEmpty {
            body += HTML(raw: "<div class=\"search-grid\">") + .join(visible) + actions + HTML(raw: "</div>")
        } else {
            let open = more.contains { field in
                if case .range(_, let to) = field.kind, !to.isEmpty { return true }
                return !field.value.isEmpty
            }
            body += HTML(raw: "<div class=\"search-grid\">") + .join(visible) + HTML(raw: "</div>")
            body += HTML(raw: "<details class=\"search-more\"\(open ? " open" : "")><summary>\(escapeHTML(moreLabel))</summary><div class=\"search-grid\">")
                + .join(more.map { $0.render(strings: strings, idPrefix: "q") }) + HTML(raw: "</div></details>") + actions
        }
        return UIMarkup.element("form", attrs, body)
    }
}
