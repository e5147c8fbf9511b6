import Foundation

extension FormField {
    /// The id and name every control starts with.
    func baseAttributes(id: String, name: String) -> MarkupAttributes {
        var attrs = MarkupAttributes()
        attrs.set("id", id)
        attrs.set("name", name)
        return attrs
    }

    /// Adds aria/validation state and the caller's extra attributes last, so they can override.
    func finish(_ attrs: inout MarkupAttributes, context: FormFieldRenderContext, requiredAllowed: Bool = true) {
        if requiredAllowed, required {
            attrs.flag("required", true)
        }
        if hasError { attrs.set("aria-invalid", "true") }
        if !context.describedBy.isEmpty { attrs.set("aria-describedby", context.describedBy) }
        attrs.merge(attributes)
    }

    /// The control of text-like, select, textarea, file and range fields.
    func control(context: FormFieldRenderContext, strings: UIStrings) -> HTML {
        var attrs = baseAttributes(id: context.id, name: name)
        switch kind {
        case .textarea(let rows):
            attrs.set("rows", String(max(1, rows)))
            textLimits(&attrs)
            finish(&attrs, context: context)
            // A leading newline inside <textarea> is swallowed by parsers; keep the value intact.
            return UIMarkup.element("textarea", attrs, HTML(raw: "\n" + escapeHTML(value)))
        case .select(let options, let allowEmpty):
            finish(&attrs, context: context)
            // The options straight into one string: a search form has a few hundred of them.
            var opts = ""
            if allowEmpty { Self.appendOption(value: "", label: placeholder ?? strings.choose, selected: value.isEmpty, to: &opts) }
            for o in options { Self.appendOption(value: o.value, label: o.label, selected: o.value == value, to: &opts) }
            return UIMarkup.element("select", attrs, HTML(raw: opts))
        case .file(let accept):
            attrs.set("type", "file")
            if !accept.isEmpty { attrs.set("accept", accept) }
            // A stored file satisfies "required"; the browser cannot know about it.
            finish(&attrs, context: context, requiredAllowed: value.isEmpty)
            return UIMarkup.void("input", attrs)
        case .range(let toName, let toValue):
            attrs.set("type", "text")
            attrs.set("value", value)
            textLimits(&attrs)
            finish(&attrs, context: context)
            var to = MarkupAttributes()
            to.set("id", context.id + "-to")
            to.set("name", toName)
            to.set("type", "text")
            to.set("value", toValue)
            to.set("aria-label", label + " " + strings.rangeSeparator)
            if let maxLength { to.set("maxlength", String(maxLength)) }
            if hasError { to.set("aria-invalid", "true") }
            to.merge(attributes.filter { $0.key.lowercased() != "id" })
            return HTML(raw: "<span class=\"range\">") + UIMarkup.void("input", attrs)
                + HTML(raw: " <span class=\"range-sep\">\(escapeHTML(strings.rangeSeparator))</span> ")
                + UIMarkup.void("input", to) + HTML(raw: "</span>")
        default:
            attrs.set("type", inputType)
            if case .password = kind {
                // Never echo a password back into the page.
            } else {
                attrs.set("value", value)
            }
            textLimits(&attrs)
            finish(&attrs, context: context)
            return UIMarkup.void("input", attrs)
        }
    }

    /// A single checkbox inside its label.
    func checkboxControl(context: FormFieldRenderContext) -> HTML {
        var attrs = baseAttributes(id: context.id, name: name)
        attrs.set("type", "checkbox")
        attrs.set("value", "1")
        attrs.flag("checked", ["1", "true", "on", "yes"].contains(value.lowercased()))
        finish(&attrs, context: context)
        let mark = required ? " <span class=\"req\" aria-hidden=\"true\">*</span>" : ""
        return HTML(raw: "<label class=\"check\">") + UIMarkup.void("input", attrs)
            + HTML(raw: " \(escapeHTML(label))\(mark)</label>")
    }

    /// Radio buttons or checkboxes sharing the field name.
    func choiceGroup(options: [SelectOption], type: String, selected: [String], context: FormFieldRenderContext) -> HTML {
        var items: [HTML] = []
        for (index, o) in options.enumerated() {
            var attrs = baseAttributes(id: "\(context.id)-\(index)", name: name)
            attrs.set("type", type)
            attrs.set("value", o.value)
            attrs.flag("checked", selected.contains(o.value))
            // `required` on every radio means "one of them"; on checkboxes it would mean "all".
            finish(&attrs, context: context, requiredAllowed: type == "radio")
            items.append(HTML(raw: "<label class=\"check\">") + UIMarkup.void("input", attrs)
                + HTML(raw: " \(escapeHTML(o.label))</label>"))
        }
        return HTML(raw: "<div class=\"choices\">") + .join(items, separator: HTML(raw: " ")) + HTML(raw: "</div>")
    }

    private var inputType: String {
        switch kind {
        case .password: "password"
        case .email: "email"
        case .tel: "tel"
        case .number: "number"
        case .date: "date"
        case .datetime: "datetime-local"
        default: "text"
        }
    }

    private func textLimits(_ attrs: inout MarkupAttributes) {
        if let maxLength { attrs.set("maxlength", String(maxLength)) }
        if let placeholder, !placeholder.isEmpty { attrs.set("placeholder", placeholder) }
    }

    /// `<option value="…" selected>label</option>`, as `UIMarkup.element` would write it.
    private static func appendOption(value: String, label: String, selected: Bool, to out: inout String) {
        out += "<option value=\""
        out += escapeAttr(value)
        out += selected ? "\" selected>" : "\">"
        out += escapeHTML(label)
        out += "</option>"
    }
}
