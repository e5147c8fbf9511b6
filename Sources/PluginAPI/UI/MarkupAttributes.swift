import Foundation

/// An ordered attribute list for one element; setting a name twice replaces the first value.
///
/// Values are escaped on output; a `nil` value renders a boolean attribute (`required`).
struct MarkupAttributes: Sendable {
    /// The attributes in the order first set (an element has a handful: a list is quicker than hashing their names).
    private var pairs: [(name: String, value: String?)] = []

    init() {}

    /// Sets (or replaces) an attribute. Names that are not plain attribute names are dropped.
    mutating func set(_ name: String, _ value: String?) {
        let key = Self.isLowercase(name) ? name : name.lowercased()
        guard Self.isValidName(key) else { return }
        if let index = pairs.firstIndex(where: { $0.name == key }) { pairs[index].value = value } else { pairs.append((key, value)) }
    }

    /// Sets a boolean attribute when `on` is true.
    mutating func flag(_ name: String, _ on: Bool) {
        if on { set(name, nil) }
    }

    /// Appends CSS classes to `class`, keeping earlier ones.
    mutating func addClass(_ cssClass: String) {
        guard !cssClass.isEmpty else { return }
        if let existing = pairs.first(where: { $0.name == "class" })?.value, !existing.isEmpty {
            set("class", existing + " " + cssClass)
        } else {
            set("class", cssClass)
        }
    }

    /// Merges extra attributes, sorted by name for stable output; `class` is appended, others replace.
    mutating func merge(_ extra: [String: String]) {
        for key in extra.keys.sorted() {
            guard let value = extra[key] else { continue }
            if key.lowercased() == "class" { addClass(value) } else { set(key, value) }
        }
    }

    /// ` name="value" flag …` with a leading space, or "" when empty.
    var rendered: String {
        var out = ""
        for (name, value) in pairs {
            if let value {
                out += " \(name)=\"\(escapeAttr(value))\""
            } else {
                out += " \(name)"
            }
        }
        return out
    }

    /// Whether `name` has no ASCII capital (attribute names almost never do; `lowercased()` allocates).
    private static func isLowercase(_ name: String) -> Bool {
        name.utf8.allSatisfy { $0 < 0x41 || $0 > 0x5A }
    }

    private static func isValidName(_ name: String) -> Bool {
        // ASCII letters, digits, - _ : . ; starting with a letter or _ (checked on bytes: this runs for every attribute).
        let bytes = name.utf8
        guard let first = bytes.first, (first | 0x20) >= 0x61 && (first | 0x20) <= 0x7A || first == 0x5F else { return false }
        return bytes.allSatisfy { b in
            ((b | 0x20) >= 0x61 && (b | 0x20) <= 0x7A) || (b >= 0x30 && b <= 0x39) || b == 0x2D || b == 0x5F || b == 0x3A || b == 0x2E
        }
    }
}
