import Foundation

/// Number formatting shared by tables, pagination, charts and dashboard widgets.
public enum UIFormat {
    /// Groups thousands with commas: `1234567` → `"1,234,567"`, `-1200` → `"-1,200"`.
    /// - Parameter n: Any integer.
    public static func grouped(_ n: Int) -> String {
        let digits = String(n.magnitude)
        var out = ""
        for (i, c) in digits.enumerated() {
            if i > 0, (digits.count - i) % 3 == 0 { out.append(",") }
            out.append(c)
        }
        return n < 0 ? "-" + out : out
    }

    /// A file size in the largest unit that keeps it at least 1, one decimal above bytes: `900` → `"900 B"`,
    /// `1_536` → `"1.5 KB"`, `3_145_728` → `"3 MB"`.
    public static func byteSize(_ n: Int) -> String {
        if n < 1024 { return "\(max(0, n)) B" }
        let units = ["KB", "MB", "GB"]
        var value = Double(n) / 1024, unit = 0
        while value >= 1024, unit < units.count - 1 { value /= 1024; unit += 1 }
        let tenths = Int((value * 10).rounded())
        return tenths % 10 == 0 ? "\(tenths / 10) \(units[unit])" : "\(tenths / 10).\(tenths % 10) \(units[unit])"
    }

    /// A percentage with at most one decimal: `part 1, whole 3` → `"33.3%"`, `1 of 2` → `"50%"`; `"0%"` when `whole` ≤ 0.
    /// - Parameters:
    ///   - part: The share.
    ///   - whole: The total.
    public static func percent(_ part: Int, of whole: Int) -> String {
        guard whole > 0 else { return "0%" }
        let tenths = Int((Double(part) * 1000 / Double(whole)).rounded())
        let whole10 = tenths / 10, frac = abs(tenths % 10)
        return frac == 0 ? "\(whole10)%" : "\(whole10).\(frac)%"
    }

    /// Integer fen as yuan with two decimals and grouped thousands: `123456` → `"1,234.56"`, `-5` → `"-0.05"`.
    /// Exact: no floating point on money.
    public static func yuan(_ fen: Int64) -> String {
        let magnitude = fen.magnitude
        let cents = magnitude % 100
        let text = grouped(Int(magnitude / 100)) + "." + (cents < 10 ? "0\(cents)" : "\(cents)")
        return fen < 0 ? "-" + text : text
    }

    /// Parses a yuan amount typed by a person — `3000`, `3,000.5`, `¥3000.50` — into fen; nil for anything else
    /// (negative, more than two decimals, letters, more than 12 integer digits). Exact: no floating point.
    public static func fen(fromYuan text: String) -> Int64? {
        var t = text.trimmingCharacters(in: .whitespaces)
        if t.hasPrefix("¥") || t.hasPrefix("￥") { t.removeFirst() }
        t = t.replacingOccurrences(of: ",", with: "")
        let parts = t.split(separator: ".", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), let whole = parts.first, !whole.isEmpty, whole.count <= 12, whole.allSatisfy(\.isASCII),
              let yuan = Int64(whole), yuan >= 0 else { return nil }
        var cents: Int64 = 0
        if parts.count == 2 {
            let fraction = parts[1]
            guard (1...2).contains(fraction.count), fraction.allSatisfy({ $0.isASCII && $0.isNumber }), let value = Int64(fraction) else { return nil }
            cents = fraction.count == 1 ? value * 10 : value
        }
        return yuan * 100 + cents
    }
}
