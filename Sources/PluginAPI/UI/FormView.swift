import Foundation

/// A complete edit form: CSRF token, optional summary error, fields in a two-column grid, submit and cancel.
///
/// ```swift
/// let form = FormView(action: "/members/42/edit", csrfToken: context.csrfToken, fields: [
///     FormField(name: "name", label: "姓名", value: member.name, required: true, error: errors["name"]),
///     FormField(name: "gender", label: "性别", kind: .radio(options: genders), value: member.gender),
/// ], submitLabel: "保存", cancelHref: "/members")
/// form.render(strings: strings)
/// ```
///
/// Hidden fields are placed before the grid; textareas span both columns. Without a ``formError``,
/// a generic summary (``UIStrings/formHasErrors``) is shown when any field has an error.
public struct FormView: Sendable {
    /// The URL the form submits to.
    public var action: String
    /// `"post"` (default) or `"get"`; any other value is sent as POST.
    public var method: String
    /// The session's CSRF token, sent as `_csrf` with POST forms (never in a GET URL).
    public var csrfToken: String
    /// The fields, in order.
    public var fields: [FormField]
    /// Label of the submit button.
    public var submitLabel: String
    /// Where the cancel link goes; no cancel link when nil.
    public var cancelHref: String?
    /// Sends `multipart/form-data` (needed for file fields).
    public var multipart: Bool
    /// A summary error shown at the top of the form.
    public var formError: String?
    /// The form's DOM id.
    public var id: String?

    /// Creates a form.
    /// - Parameters:
    ///   - action: The URL the form submits to.
    ///   - method: `"post"` or `"get"`.
    ///   - csrfToken: The session's CSRF token.
    ///   - fields: The fields, in order.
    ///   - submitLabel: Label of the submit button.
    ///   - cancelHref: Target of the cancel link, if any.
    ///   - multipart: Whether to send `multipart/form-data`; turned on automatically for file fields.
    ///   - formError: A summary error for the top of the form.
    ///   - id: The form's DOM id.
    public init(
        action: String, method: String = "post", csrfToken: String, fields: [FormField],
        submitLabel: String, cancelHref: String? = nil, multipart: Bool = false,
        formError: String? = nil, id: String? = nil
    ) {
        self.action = action
        self.method = method
        self.csrfToken = csrfToken
        self.fields = fields
        self.submitLabel = submitLabel
        self.cancelHref = cancelHref
        self.multipart = multipart
        self.formError = formError
        self.id = id
    }

    /// Renders the form.
    /// - Parameter strings: The localised fixed strings.
    public func render(strings: UIStrings) -> HTML {
        let isGet = method.lowercased() == "get"
        let hasFile = fields.contains { if case .file = $0.kind { true } else { false } }
        var attrs = MarkupAttributes()
        if let id, !id.isEmpty { attrs.set("id", id) }
        attrs.set("class", "form-view")
        attrs.set("action", UIMarkup.safeURL(action))
        attrs.set("method", isGet ? "get" : "post")
        if (multipart || hasFile) && !isGet { attrs.set("enctype", "multipart/form-data") }

        let prefix = id.map { "f-" + UIMarkup.domID($0) } ?? "f"
        var body = isGet ? HTML.empty : UIMarkup.csrf(csrfToken)
        var visible: [HTML] = []
        for field in fields {
            if case .hidden = field.kind {
                body += field.render(strings: strings, idPrefix: prefix)
            } else {
                visible.append(field.render(strings: strings, idPrefix: prefix))
            }
        }
        let summary = formError.flatMap { $0.isEmpty ? nil : $0 }
            ?? (fields.contains(where: \.hasError) ? strings.formHasErrors : nil)
        if let summary {
            body += HTML(raw: "<div class=\"flash error form-error\" role=\"alert\">\(escapeHTML(summary))</div>")
        }
        body += HTML(raw: "<div class=\"form-grid\">") + .join(visible) + HTML(raw: "</div>")
        var actions = HTML(raw: "<button type=\"submit\" class=\"btn primary\">\(escapeHTML(submitLabel))</button>")
        if let cancelHref {
            actions += HTML(raw: " ") + .link(strings.cancel, href: cancelHref, class: "btn")
        }
        body += HTML(raw: "<div class=\"form-actions\">") + actions + HTML(raw: "</div>")
        return UIMarkup.element("form", attrs, body)
    }
}
