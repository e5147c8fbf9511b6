import Foundation

/// One query parameter of a list URL, used to keep filters in paging and sorting links.
public struct QueryItem: Sendable, Equatable, Hashable {
    /// The parameter name.
    public var name: String
    /// The parameter value (not yet encoded).
    public var value: String

    /// Creates a parameter.
    /// - Parameters:
    ///   - name: The parameter name.
    ///   - value: The raw value.
    public init(name: String, value: String) {
        self.name = name
        self.value = value
    }

    /// Creates a parameter: `QueryItem("q", "张")`.
    public init(_ name: String, _ value: String) {
        self.init(name: name, value: value)
    }

    /// Percent-encodes a name or value for a query string (RFC 3986 unreserved characters kept,
    /// space as `%20`, UTF-8 for everything else).
    /// - Parameter s: The raw text.
    public static func encode(_ s: String) -> String {
        var out = ""
        for byte in s.utf8 {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
                 UInt8(ascii: "0")...UInt8(ascii: "9"),
                 UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"):
                out.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                let hex = String(byte, radix: 16, uppercase: true)
                out += byte < 16 ? "%0" + hex : "%" + hex
            }
        }
        return out
    }

    /// Appends encoded parameters to a path: `url("/members", [("q","张 三")])` → `/members?q=%E5%BC%A0%20%E4%B8%89`.
    ///
    /// A path that already has a query gets the parameters after `&`; a `#fragment` stays last.
    /// - Parameters:
    ///   - base: The path, possibly with a query.
    ///   - items: Parameters in order; repeated names are kept.
    public static func url(_ base: String, _ items: [QueryItem]) -> String {
        guard !items.isEmpty else { return base }
        var path = base
        var fragment = ""
        if let hash = base.firstIndex(of: "#") {
            fragment = String(base[hash...])
            path = String(base[..<hash])
        }
        let query = items.map { encode($0.name) + "=" + encode($0.value) }.joined(separator: "&")
        let joiner = path.contains("?") ? (path.hasSuffix("?") || path.hasSuffix("&") ? "" : "&") : "?"
        return path + joiner + query + fragment
    }
}
