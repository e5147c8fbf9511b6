import Foundation

/// An action on one record: a link (`get`) or a small POST form with a button (`post`).
///
/// ```swift
/// RowAction(label: "编辑", href: "/members/\(id)/edit")
/// RowAction(label: "删除", href: "/members/\(id)/delete", method: "post",
///           confirm: strings.confirmDelete, danger: true)
/// ```
public struct RowAction: Sendable, Equatable {
    /// The link or button text.
    public var label: String
    /// The target URL.
    public var href: String
    /// `"get"` renders a link; anything else a POST form with the CSRF token.
    public var method: String
    /// A confirmation question asked before following the link or submitting.
    public var confirm: String?
    /// Styles the action as destructive.
    public var danger: Bool

    /// Creates a row action.
    /// - Parameters:
    ///   - label: The link or button text.
    ///   - href: The target URL.
    ///   - method: `"get"` (default) or `"post"`.
    ///   - confirm: A confirmation question, if any.
    ///   - danger: Whether the action is destructive.
    public init(label: String, href: String, method: String = "get", confirm: String? = nil, danger: Bool = false) {
        self.label = label
        self.href = href
        self.method = method
        self.confirm = confirm
        self.danger = danger
    }

    /// Whether the action submits a POST form.
    public var isPost: Bool { method.lowercased() != "get" }

    /// Renders a standalone action: a link, or an inline `<form method="post" class="inline-form">`
    /// carrying `_csrf` and a button (`data-confirm` on the form when ``confirm`` is set).
    ///
    /// Inside another form (such as a batch form) use ``PagedTable``, which avoids nesting forms.
    /// - Parameter csrfToken: The session's CSRF token (used by POST actions).
    public func render(csrfToken: String) -> HTML {
        guard isPost else { return renderLink() }
        var form = MarkupAttributes()
        form.set("method", "post")
        form.set("action", UIMarkup.safeURL(href))
        form.set("class", "inline-form")
        if let confirm { form.set("data-confirm", confirm) }
        return UIMarkup.element("form", form, UIMarkup.csrf(csrfToken) + renderButton(formID: nil))
    }

    func renderLink() -> HTML {
        var attrs = MarkupAttributes()
        attrs.set("href", UIMarkup.safeURL(href))
        attrs.set("class", cssClass)
        if let confirm { attrs.set("data-confirm", confirm) }
        return UIMarkup.element("a", attrs, .text(label))
    }

    /// The submit button; with `formID` it belongs to a form rendered elsewhere (`form="…"`).
    func renderButton(formID: String?) -> HTML {
        var attrs = MarkupAttributes()
        attrs.set("type", "submit")
        attrs.set("class", cssClass)
        if let formID {
            attrs.set("form", formID)
            if let confirm { attrs.set("data-confirm", confirm) }
        }
        return UIMarkup.element("button", attrs, .text(label))
    }

    /// A hidden, empty POST form that a ``renderButton(formID:)`` button elsewhere submits.
    func renderDetachedForm(id: String, csrfToken: String) -> HTML {
        var form = MarkupAttributes()
        form.set("id", id)
        form.set("method", "post")
        form.set("action", UIMarkup.safeURL(href))
        form.set("class", "row-action-form")
        form.flag("hidden", true)
        if let confirm { form.set("data-confirm", confirm) }
        return UIMarkup.element("form", form, UIMarkup.csrf(csrfToken))
    }

    private var cssClass: String { danger ? "btn small danger" : "btn small" }
}
