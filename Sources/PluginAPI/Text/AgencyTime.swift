import Foundation
import Synchronization

/// Stored times are UTC epoch seconds; people read them in the agency's time zone (a site setting).
/// Formatting is plain calendar arithmetic over the zone's offset (no `DateFormatter` per call: lists format many times).
public enum AgencyTime {
    private static let zones = Mutex<[String: TimeZone]>([:])

    static func zone(_ identifier: String) -> TimeZone {
        if let zone = zones.withLock({ $0[identifier] }) { return zone }
        let zone = TimeZone(identifier: identifier) ?? TimeZone(identifier: "Asia/Shanghai") ?? TimeZone(secondsFromGMT: 8 * 3600)!
        zones.withLock { $0[identifier] = zone }
        return zone
    }

    /// Civil date of a day count since 1970-01-01 (Howard Hinnant's algorithm).
    static func civil(_ days: Int64) -> (year: Int64, month: Int64, day: Int64) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let day = doy - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    /// Days since 1970-01-01 of a civil date.
    static func days(year: Int64, month: Int64, day: Int64) -> Int64 {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let doy = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    static func two(_ n: Int64) -> String { n < 10 ? "0\(n)" : "\(n)" }

    /// `epoch` in `timeZone` as `yyyy-MM-dd HH:mm` (or `yyyy-MM-dd`, `yyyyMMdd-HHmm` with `pattern`); "—" for nil.
    public static func format(_ epoch: Int64?, timeZone: String, pattern: String = "yyyy-MM-dd HH:mm") -> String {
        guard let epoch else { return "—" }
        let local = epoch + Int64(zone(timeZone).secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(epoch))))
        let dayCount = local >= 0 ? local / 86_400 : (local - 86_399) / 86_400
        let seconds = local - dayCount * 86_400
        let (y, m, d) = civil(dayCount)
        let date = "\(y)-\(two(m))-\(two(d))"
        switch pattern {
        case "yyyy-MM-dd": return date
        case "yyyyMMdd-HHmm": return "\(y)\(two(m))\(two(d))-\(two(seconds / 3600))\(two(seconds % 3600 / 60))"
        case "datetime-local": return "\(date)T\(two(seconds / 3600)):\(two(seconds % 3600 / 60))"
        default: return "\(date) \(two(seconds / 3600)):\(two(seconds % 3600 / 60))"
        }
    }

    /// The epoch of the start of day `yyyy-MM-dd` in `timeZone`, nil for anything else.
    public static func dayStart(_ text: String, timeZone: String) -> Int64? {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, let y = Int64(parts[0]), let m = Int64(parts[1]), let d = Int64(parts[2]),
              (1...12).contains(m), (1...31).contains(d) else { return nil }
        let utcMidnight = days(year: y, month: m, day: d) * 86_400
        guard civil(utcMidnight / 86_400) == (y, m, d) else { return nil }   // 2026-02-30 and the like
        let offset = Int64(zone(timeZone).secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(utcMidnight))))
        return utcMidnight - offset
    }

    /// Today in `timeZone` as yyyy-MM-dd.
    public static func today(timeZone: String, now: Date = Date()) -> String {
        format(Int64(now.timeIntervalSince1970), timeZone: timeZone, pattern: "yyyy-MM-dd")
    }

    /// The epoch of a local date-time `yyyy-MM-ddTHH:mm` (an `<input type="datetime-local">`, a space also accepted)
    /// or a date `yyyy-MM-dd` (its start) in `timeZone`; nil for anything else.
    public static func parseLocal(_ text: String, timeZone: String) -> Int64? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        let parts = trimmed.split(whereSeparator: { $0 == "T" || $0 == " " })
        guard parts.count == 1 || parts.count == 2, let day = dayStart(String(parts[0]), timeZone: timeZone) else { return nil }
        guard parts.count == 2 else { return day }
        let clock = parts[1].split(separator: ":")
        guard clock.count >= 2, let h = Int64(clock[0]), let m = Int64(clock[1]), (0...23).contains(h), (0...59).contains(m) else { return nil }
        // The day's offset applies; a DST change inside that day (not in China) would shift by its difference.
        return day + h * 3600 + m * 60
    }
}
