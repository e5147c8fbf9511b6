import Foundation

/// Trusted markup.
///
/// Build values only through the escaping helpers (``HTML/text(_:)``, ``HTML/link(_:href:class:)``)
/// or the UI components; ``init(raw:)`` is for markup you produced yourself and already trust.
/// There is deliberately no string-literal initialiser, so untrusted text cannot slip in as markup.
///
/// ```swift
/// let cell = HTML.text(member.name) + HTML(raw: " <small>") + .text(member.city) + HTML(raw: "</small>")
/// ```
public struct HTML: Sendable, Hashable, CustomStringConvertible {
    /// The markup itself.
    public private(set) var raw: String

    /// Wraps markup that is already trusted. Never pass user input here.
    /// - Parameter raw: Markup to emit verbatim.
    public init(raw: String) {
        self.raw = raw
    }

    /// The markup, verbatim.
    public var description: String { raw }

    /// Text escaped for use as element content.
    /// - Parameter s: Any text, including user input.
    public static func text(_ s: String) -> HTML {
        HTML(raw: escapeHTML(s))
    }

    /// Concatenates two fragments.
    public static func + (l: HTML, r: HTML) -> HTML {
        HTML(raw: l.raw + r.raw)
    }

    /// Appends a fragment in place (amortised: pages are built by many appends).
    public static func += (l: inout HTML, r: HTML) {
        l.raw.append(r.raw)
    }

    /// No markup at all.
    public static let empty = HTML(raw: "")

    /// Joins fragments with an optional separator.
    /// - Parameters:
    ///   - parts: The fragments, in order.
    ///   - separator: Markup placed between consecutive fragments.
    public static func join(_ parts: [HTML], separator: HTML = .empty) -> HTML {
        HTML(raw: parts.map(\.raw).joined(separator: separator.raw))
    }

    /// An `<a>` element with escaped text and URL.
    ///
    /// `javascript:` and other unexpected schemes are replaced by `#`.
    /// - Parameters:
    ///   - text: The link text (escaped).
    ///   - href: The target URL (escaped).
    ///   - class: Optional CSS classes, e.g. `"btn small"`.
    public static func link(_ text: String, href: String, class cssClass: String? = nil) -> HTML {
        var attrs = MarkupAttributes()
        attrs.set("href", UIMarkup.safeURL(href))
        if let cssClass, !cssClass.isEmpty { attrs.set("class", cssClass) }
        return HTML(raw: "<a\(attrs.rendered)>\(escapeHTML(text))</a>")
    }
}

/// Escapes text for element content: `&`, `<`, `>`, `"` and `'` become entities.
/// - Parameter s: Any text.
/// - Returns: Text safe to place between tags.
public func escapeHTML(_ s: String) -> String {
    escapeMarkup(s, backtick: false)
}

/// Byte-level escaping: text without special characters is returned as it is (the common case, no copy).
func escapeMarkup(_ s: String, backtick: Bool) -> String {
    let bytes = s.utf8
    guard bytes.contains(where: { $0 == 0x26 || $0 == 0x3C || $0 == 0x3E || $0 == 0x22 || $0 == 0x27 || (backtick && $0 == 0x60) }) else {
        return s
    }
    var out: [UInt8] = []
    out.reserveCapacity(bytes.count + 16)
    for byte in bytes {
        switch byte {
        case 0x26: out += Array("&amp;".utf8)
        case 0x3C: out += Array("&lt;".utf8)
        case 0x3E: out += Array("&gt;".utf8)
        case 0x22: out += Array("&quot;".utf8)
        case 0x27: out += Array("&#39;".utf8)
        case 0x60 where backtick: out += Array("&#96;".utf8)
        default: out.append(byte)
        }
    }
    return String(decoding: out, as: UTF8.self)
}

/// Escapes text for a double- or single-quoted attribute value.
///
/// Same entities as ``escapeHTML(_:)``, plus backtick, so values are safe in either quoting style.
/// - Parameter s: Any text.
/// - Returns: Text safe inside `attr="…"`.
public func escapeAttr(_ s: String) -> String {
    escapeMarkup(s, backtick: true)
}
