import Foundation

/// Reads the few things tests look for in rendered pages: field errors, flash messages, occurrences.
public enum HTMLProbe {
    /// The validation message shown under field `name` of a form rendered with DOM id `form` (nil: no id), or nil.
    public static func fieldError(_ name: String, in html: String, form: String? = nil) -> String? {
        let prefix = form.map { "f-" + domID($0) } ?? "f"
        let marker = "id=\"\(prefix)-\(domID(name))-error\" role=\"alert\">"
        guard let start = html.range(of: marker) else { return nil }
        let rest = html[start.upperBound...]
        guard let end = rest.range(of: "</p>") else { return nil }
        return unescape(String(rest[..<end.lowerBound]))
    }

    /// Every field that shows an error, by its DOM id (`f-login`, `f-add-option-code`…).
    public static func fieldErrorIDs(in html: String) -> [String] {
        html.components(separatedBy: "<p class=\"field-error\" id=\"").dropFirst().compactMap { part in
            part.range(of: "-error\"").map { String(part[..<$0.lowerBound]) }
        }
    }

    /// The text of the flash messages on the page, in order.
    public static func flashes(in html: String) -> [String] {
        html.components(separatedBy: "<div class=\"flash ").dropFirst().compactMap { part in
            guard let tagEnd = part.firstIndex(of: ">"), part[..<tagEnd].hasSuffix("role=\"status\""),
                  let close = part.range(of: "</div>") else { return nil }
            return unescape(String(part[part.index(after: tagEnd)..<close.lowerBound]))
        }
    }

    /// The markup of the `<section>` with `id` (from its tag to its `</section>`, sections not nested), nil when absent.
    public static func section(id: String, in html: String) -> String? {
        guard let open = html.range(of: "id=\"\(id)\""),
              let start = html[..<open.lowerBound].range(of: "<section", options: .backwards),
              let end = html[open.upperBound...].range(of: "</section>") else { return nil }
        return String(html[start.lowerBound..<end.upperBound])
    }

    /// How often `needle` occurs in `html`.
    public static func count(_ needle: String, in html: String) -> Int {
        html.components(separatedBy: needle).count - 1
    }

    static func domID(_ s: String) -> String {
        String(s.unicodeScalars.map { scalar in
            scalar.isASCII && (scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) || scalar == "-" || scalar == "_")
                ? Character(scalar) : "-"
        })
    }

    /// Undoes `escapeHTML`.
    public static func unescape(_ s: String) -> String {
        s.replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
            .replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&#39;", with: "'")
            .replacingOccurrences(of: "&amp;", with: "&")
    }
}
