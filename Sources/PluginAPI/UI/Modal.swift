import Foundation

/// A `<dialog>` opened by a trigger with `data-open-modal` and closed by `data-close-modal` (see `app.js`).
///
/// Give the trigger a `fallbackHref` (a page with the same content) so it still works without JavaScript.
///
/// ```swift
/// Modal.trigger(id: "allocate", label: "分配红娘", fallbackHref: "/members/allocate")
/// Modal(id: "allocate", title: "分配红娘", body: allocationForm.render(strings: strings)).render()
/// ```
public struct Modal: Sendable {
    /// The dialog's DOM id, referenced by triggers.
    public var id: String
    /// The heading.
    public var title: String
    /// Trusted body markup (often a ``FormView``).
    public var body: HTML

    /// Creates a modal.
    /// - Parameters:
    ///   - id: The dialog's DOM id.
    ///   - title: The heading.
    ///   - body: Trusted body markup.
    public init(id: String, title: String, body: HTML) {
        self.id = id
        self.title = title
        self.body = body
    }

    /// Renders `<dialog class="modal">` with a heading, a close button and the body.
    /// - Parameter strings: The localised fixed strings (for the close button's label).
    public func render(strings: UIStrings = .zhCN) -> HTML {
        let titleID = id + "-title"
        return HTML(raw: "<dialog class=\"modal\" id=\"\(escapeAttr(id))\" aria-labelledby=\"\(escapeAttr(titleID))\">"
            + "<div class=\"modal-head\"><h2 id=\"\(escapeAttr(titleID))\">\(escapeHTML(title))</h2>"
            + "<button type=\"button\" class=\"modal-close\" data-close-modal aria-label=\"\(escapeAttr(strings.close))\">×</button></div>"
            + "<div class=\"modal-body\">") + body + HTML(raw: "</div></dialog>")
    }

    /// A button (or, with `fallbackHref`, a link) that opens the modal `id`.
    /// - Parameters:
    ///   - id: The dialog's DOM id.
    ///   - label: The visible text.
    ///   - fallbackHref: A page to go to when JavaScript is off.
    ///   - class: CSS classes; `"btn"` by default.
    public static func trigger(id: String, label: String, fallbackHref: String? = nil, class cssClass: String = "btn") -> HTML {
        var attrs = MarkupAttributes()
        if let fallbackHref {
            attrs.set("href", UIMarkup.safeURL(fallbackHref))
        } else {
            attrs.set("type", "button")
        }
        attrs.set("class", cssClass)
        attrs.set("data-open-modal", id)
        return UIMarkup.element(fallbackHref == nil ? "button" : "a", attrs, .text(label))
    }
}
