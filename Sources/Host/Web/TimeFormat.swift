import Foundation

/// Shows stored UTC epoch seconds in the agency's time zone.
enum TimeFormat {
    static func dateTime(_ epoch: Int64?, timeZone: String) -> String {
        guard let epoch else { return "—" }
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: timeZone) ?? TimeZone(identifier: "Asia/Shanghai")
        formatter.dateFormat = "yyyy-MM-dd HH:mm"
        return formatter.string(from: Date(timeIntervalSince1970: TimeInterval(epoch)))
    }

    /// Parses `yyyy-MM-dd` in the agency's time zone to the epoch of that day's start.
    static func dayStart(_ text: String, timeZone: String) -> Int64? {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: timeZone) ?? TimeZone(identifier: "Asia/Shanghai")
        formatter.dateFormat = "yyyy-MM-dd"
        return formatter.date(from: text).map { Int64($0.timeIntervalSince1970) }
    }
}
