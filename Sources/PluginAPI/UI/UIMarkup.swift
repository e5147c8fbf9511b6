import Foundation

/// Small internal helpers shared by the UI components.
enum UIMarkup {
    /// Returns the URL unchanged when it is relative or uses a harmless scheme, else `#`.
    static func safeURL(_ url: String) -> String {
        // The common case, a path on this host ("/m/…", no surrounding space), needs no scan.
        if url.utf8.first == UInt8(ascii: "/"), let last = url.utf8.last, last > 0x20, last < 0x80 { return url }
        let trimmed = url.trimmedSpace
        guard let colon = trimmed.firstIndex(of: ":") else { return trimmed }
        let head = trimmed[..<colon]
        // A ":" after "/", "?" or "#" is not a scheme separator.
        if head.contains(where: { $0 == "/" || $0 == "?" || $0 == "#" }) { return trimmed }
        switch head.lowercased() {
        case "http", "https", "mailto", "tel": return trimmed
        default: return "#"
        }
    }

    /// A DOM id fragment derived from arbitrary text: letters, digits, `-` and `_` kept, others become `-`.
    static func domID(_ s: String) -> String {
        var out = ""
        for scalar in s.unicodeScalars {
            if scalar.isASCII, scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) || scalar == "-" || scalar == "_" {
                out.unicodeScalars.append(scalar)
            } else {
                out += "-"
            }
        }
        return out.isEmpty ? "x" : out
    }

    /// Fills `%d` / `%@` / `%%` placeholders in order with the given strings (no `String(format:)` pitfalls).
    static func fill(_ template: String, _ args: [String]) -> String {
        var out = ""
        var index = 0
        var iterator = template.makeIterator()
        while let c = iterator.next() {
            guard c == "%" else { out.append(c); continue }
            guard let spec = iterator.next() else { out.append(c); break }
            switch spec {
            case "d", "@":
                out += index < args.count ? args[index] : ""
                index += 1
            case "%":
                out.append("%")
            default:
                out.append(c)
                out.append(spec)
            }
        }
        return out
    }

    /// Builds an element with escaped attributes around trusted content.
    static func element(_ name: String, _ attrs: MarkupAttributes, _ content: HTML) -> HTML {
        HTML(raw: "<\(name)\(attrs.rendered)>\(content.raw)</\(name)>")
    }

    /// A void element (`<input …>`).
    static func void(_ name: String, _ attrs: MarkupAttributes) -> HTML {
        HTML(raw: "<\(name)\(attrs.rendered)>")
    }

    /// `<input type="hidden" name=… value=…>`.
    static func hidden(_ name: String, _ value: String) -> HTML {
        var attrs = MarkupAttributes()
        attrs.set("type", "hidden")
        attrs.set("name", name)
        attrs.set("value", value)
        return void("input", attrs)
    }

    /// The CSRF hidden input every POST form carries.
    static func csrf(_ token: String) -> HTML {
        hidden("_csrf", token)
    }
}
