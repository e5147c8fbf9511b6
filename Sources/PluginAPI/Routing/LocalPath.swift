import Foundation

/// Where a `next` / `_return` parameter may send the browser: only a path of this site.
///
/// ```swift
/// return .redirect(LocalPath.validated(req.form["_return"]) ?? "\(req.base)/\(id)")
/// ```
public enum LocalPath {
    /// `candidate` when it is a same-site path — it starts with one `/`, holds no backslash, no control or space
    /// character (so `/%09/evil.example`, `/\evil.example` and `//evil.example` are all refused, as browsers would strip
    /// or reinterpret them), and parses as a URL with no scheme and no host; nil otherwise.
    public static func validated(_ candidate: String) -> String? {
        guard candidate.hasPrefix("/"), !candidate.hasPrefix("//"), candidate.count <= 2048,
              !candidate.unicodeScalars.contains(where: { $0 == "\\" || $0.properties.generalCategory == .control || $0 == " "
                  || $0.properties.isWhitespace || $0.properties.generalCategory == .format }) else { return nil }
        // Percent-encoded control characters and slashes that a browser or proxy may decode before following the path.
        let decoded = candidate.removingPercentEncoding ?? ""
        guard !decoded.isEmpty, !decoded.hasPrefix("//"),
              !decoded.unicodeScalars.contains(where: { $0 == "\\" || $0.properties.generalCategory == .control }) else { return nil }
        guard let components = URLComponents(string: candidate), components.scheme == nil, components.host == nil else { return nil }
        return candidate
    }

    /// `candidate` when it is a same-site path, `fallback` otherwise.
    public static func validated(_ candidate: String, or fallback: String) -> String {
        validated(candidate) ?? fallback
    }
}
