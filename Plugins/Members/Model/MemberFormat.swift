import Foundation
import PluginAPI

/// Formatting shared by member pages, exports and the API: ages, masks, the one-line summary.
public enum MemberFormat {
    /// Today in `timeZone` as yyyy-MM-dd.
    public static func today(timeZone: String, now: Date = Date()) -> String { AgencyTime.today(timeZone: timeZone, now: now) }

    /// Whole years between `birthday` and `today` (both yyyy-MM-dd).
    public static func age(birthday: String, today: String) -> Int? {
        let b = birthday.split(separator: "-").compactMap { Int($0) }, t = today.split(separator: "-").compactMap { Int($0) }
        guard b.count == 3, t.count == 3 else { return nil }
        var years = t[0] - b[0]
        if (t[1], t[2]) < (b[1], b[2]) { years -= 1 }
        return years
    }

    /// The birthday range (inclusive, yyyy-MM-dd) of people aged `minAge...maxAge` on `today`.
    public static func birthdayRange(minAge: Int?, maxAge: Int?, today: String) -> (from: String?, to: String?) {
        let t = today.split(separator: "-").compactMap { Int($0) }
        guard t.count == 3 else { return (nil, nil) }
        func shifted(_ years: Int) -> String { String(format: "%04d-%02d-%02d", t[0] - years, t[1], t[2]) }
        // Aged ≥ min: born on or before today − min years. Aged ≤ max: born after today − (max+1) years.
        let to = minAge.map { shifted($0) }
        let from = maxAge.map { max in
            let edge = shifted(max + 1)
            return nextDay(edge) ?? edge
        }
        return (from, to)
    }

    static func nextDay(_ day: String) -> String? {
        AgencyTime.dayStart(day, timeZone: "UTC").map { AgencyTime.format($0 + 86_400, timeZone: "UTC", pattern: "yyyy-MM-dd") }
    }

    /// 138****5678 style masks; e-mail keeps the first letter and the domain.
    public static func mask(_ value: String, kind: String) -> String {
        guard !value.isEmpty else { return "" }
        let chars = Array(value)
        switch kind {
        case "email":
            guard let at = chars.firstIndex(of: "@") else { return String(chars.prefix(1)) + "***" }
            return String(chars.prefix(1)) + "***" + String(chars[at...])
        case "mobile":
            guard chars.count >= 7 else { return String(repeating: "*", count: chars.count) }
            return String(chars.prefix(3)) + "****" + String(chars.suffix(4))
        case "id_card":
            guard chars.count >= 8 else { return String(repeating: "*", count: chars.count) }
            return String(chars.prefix(3)) + String(repeating: "*", count: chars.count - 7) + String(chars.suffix(4))
        default:
            guard chars.count > 2 else { return String(repeating: "*", count: chars.count) }
            return String(chars.prefix(1)) + "****" + String(chars.suffix(1))
        }
    }

    /// The contact columns hidden without `viewContact`.
    public static let contactColumns = ["mobile", "id_card", "email", "qq", "wechat"]
}
