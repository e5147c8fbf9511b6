import Foundation

/// One labelled form control with its current value, validation error and help text.
///
/// ```swift
/// let field = FormField(name: "mobile", label: "手机", kind: .tel, value: input.mobile,
///                       required: true, error: errors["mobile"], maxLength: 20,
///                       attributes: ["data-check-url": "/members/check-mobile"])
/// field.render(strings: .zhCN)
/// ```
///
/// Renders `<div class="field [has-error]"><label for=…>label <span class="req">*</span></label> control
/// <p class="field-error" role="alert">…</p> <p class="help">…</p></div>`; choice groups use a
/// `<fieldset class="field">` with a `<legend>` instead. Values and labels are escaped; the control gets
/// `aria-invalid="true"` and `aria-describedby` pointing at the error and help when present.
public struct FormField: Sendable {
    /// The submitted name.
    public var name: String
    /// The visible label.
    public var label: String
    /// The control to render.
    public var kind: FieldKind
    /// The current value: `"1"`/`""` for a checkbox, comma-joined values for a multi-select.
    public var value: String
    /// Whether the field must be filled (adds `required` and a `*` marker).
    public var required: Bool
    /// A validation message shown under the control.
    public var error: String?
    /// A hint shown under the control.
    public var help: String?
    /// `maxlength` of text-like controls.
    public var maxLength: Int?
    /// `placeholder` of text-like controls; the empty option's label for selects.
    public var placeholder: String?
    /// Extra attributes for the control, e.g. `["data-check-url": "/check"]`; `class` is appended.
    public var attributes: [String: String]

    /// Creates a field.
    /// - Parameters:
    ///   - name: The submitted name.
    ///   - label: The visible label.
    ///   - kind: The control; `.text` by default.
    ///   - value: The current value.
    ///   - required: Whether the field must be filled.
    ///   - error: A validation message, if any.
    ///   - help: A hint, if any.
    ///   - maxLength: `maxlength` of text-like controls.
    ///   - placeholder: `placeholder` of text-like controls.
    ///   - attributes: Extra attributes for the control.
    public init(
        name: String, label: String, kind: FieldKind = .text, value: String = "",
        required: Bool = false, error: String? = nil, help: String? = nil,
        maxLength: Int? = nil, placeholder: String? = nil, attributes: [String: String] = [:]
    ) {
        self.name = name
        self.label = label
        self.kind = kind
        self.value = value
        self.required = required
        self.error = error
        self.help = help
        self.maxLength = maxLength
        self.placeholder = placeholder
        self.attributes = attributes
    }

    /// Whether this field has a non-empty error message.
    public var hasError: Bool { !(error ?? "").isEmpty }

    /// The DOM id of the control when rendered by ``render(strings:)`` (`"f-<name>"`).
    public var controlID: String { controlID(prefix: "f") }

    /// Renders the field with its label, error and help.
    /// - Parameter strings: The localised fixed strings.
    public func render(strings: UIStrings) -> HTML {
        render(strings: strings, idPrefix: "f")
    }

    func controlID(prefix: String) -> String {
        prefix + "-" + UIMarkup.domID(name)
    }

    func render(strings: UIStrings, idPrefix: String) -> HTML {
        let id = controlID(prefix: idPrefix)
        if case .hidden = kind {
            var attrs = MarkupAttributes()
            attrs.set("type", "hidden")
            attrs.set("name", name)
            attrs.set("value", value)
            attrs.merge(attributes)
            return UIMarkup.void("input", attrs)
        }
        let errorID = id + "-error", helpID = id + "-help"
        var describedBy: [String] = []
        if hasError { describedBy.append(errorID) }
        if help != nil { describedBy.append(helpID) }
        let context = FormFieldRenderContext(id: id, describedBy: describedBy.joined(separator: " "))

        var wrapper = MarkupAttributes()
        let body: HTML
        let tag: String
        switch kind {
        case .radio(let options):
            tag = "fieldset"
            wrapper.addClass("field field-choices")
            body = legend() + choiceGroup(options: options, type: "radio", selected: [value], context: context)
        case .multiSelect(let options):
            tag = "fieldset"
            wrapper.addClass("field field-choices")
            let selected = value.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
            body = legend() + choiceGroup(options: options, type: "checkbox", selected: selected, context: context)
        case .checkbox:
            tag = "div"
            wrapper.addClass("field field-checkbox")
            body = checkboxControl(context: context)
        case .textarea:
            tag = "div"
            wrapper.addClass("field wide")
            body = labelFor(id) + control(context: context, strings: strings)
        case .range:
            tag = "div"
            wrapper.addClass("field field-range")
            body = labelFor(id) + control(context: context, strings: strings)
        default:
            tag = "div"
            wrapper.addClass("field")
            body = labelFor(id) + control(context: context, strings: strings)
        }
        if hasError { wrapper.addClass("has-error") }
        var tail = HTML.empty
        if let error, !error.isEmpty {
            tail += HTML(raw: "<p class=\"field-error\" id=\"\(escapeAttr(errorID))\" role=\"alert\">\(escapeHTML(error))</p>")
        }
        if case .file = kind, !value.isEmpty {
            tail += HTML(raw: "<p class=\"help current-file\">\(escapeHTML(strings.currentFile))：\(escapeHTML(value))</p>")
        }
        if let help {
            tail += HTML(raw: "<p class=\"help\" id=\"\(escapeAttr(helpID))\">\(escapeHTML(help))</p>")
        }
        return UIMarkup.element(tag, wrapper, body + tail)
    }

    // MARK: - Pieces

    private var requiredMark: HTML {
        required ? HTML(raw: " <span class=\"req\" aria-hidden=\"true\">*</span>") : .empty
    }

    private func labelFor(_ id: String) -> HTML {
        HTML(raw: "<label for=\"\(escapeAttr(id))\">\(escapeHTML(label))") + requiredMark + HTML(raw: "</label>")
    }

    private func legend() -> HTML {
        HTML(raw: "<legend>\(escapeHTML(label))") + requiredMark + HTML(raw: "</legend>")
    }
}

/// Per-render identifiers handed to the control builders.
struct FormFieldRenderContext {
    let id: String
    let describedBy: String
}
