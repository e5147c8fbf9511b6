extension HTML {
    /// An element with escaped attribute values around trusted content: the kit's builder for markup no component covers.
    ///
    /// ```swift
    /// HTML.element("section", ["class": "card"], FormView(…).render(strings: req.uiStrings))
    /// ```
    /// - Parameters:
    ///   - name: A lowercase tag name, e.g. `"section"`.
    ///   - attributes: Attribute names and values in order; a `nil` value renders a boolean attribute. Names that are not
    ///     plain attribute names are dropped.
    ///   - content: The element's content.
    public static func element(_ name: String, _ attributes: KeyValuePairs<String, String?> = [:], _ content: HTML = .empty) -> HTML {
        var attrs = MarkupAttributes()
        for (key, value) in attributes { attrs.set(key, value) }
        return UIMarkup.element(name, attrs, content)
    }
}
