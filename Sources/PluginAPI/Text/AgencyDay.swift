import Foundation
import PluginAPI

/// Today in the agency's time zone, and the bounds workbench lists and widgets compare with.
///
/// ```swift
/// let day = try await AgencyDay.now(req)
/// list.filter("next_contact_at", .lessThan, day.endOfToday)      // due today or overdue
/// ```
public struct AgencyDay: Sendable {
    public let timeZone: String
    /// `yyyy-MM-dd`.
    public let today: String
    /// Start of today (UTC epoch seconds).
    public let start: Int64

    public static func now(_ req: ModuleRequest, at date: Date = Date()) async throws -> AgencyDay {
        let zone = req.site.timeZone
        let today = AgencyTime.today(timeZone: zone, now: date)
        return AgencyDay(timeZone: zone, today: today, start: AgencyTime.dayStart(today, timeZone: zone) ?? Int64(date.timeIntervalSince1970))
    }

    /// Start of tomorrow: what is due "today or overdue" is before it.
    public var endOfToday: Int64 { start + 86_400 }
    /// `MM-dd`.
    public var monthDay: String { String(today.dropFirst(5)) }
    /// `MM`.
    public var month: String { String(today.dropFirst(5).prefix(2)) }
    /// Start of this month (UTC epoch seconds).
    public var monthStart: Int64 { AgencyTime.dayStart(String(today.prefix(8)) + "01", timeZone: timeZone) ?? start }
    /// `yyyy-MM-dd` of today plus `days`.
    public func date(plus days: Int) -> String { AgencyTime.format(start + Int64(days) * 86_400 + 43_200, timeZone: timeZone, pattern: "yyyy-MM-dd") }
}
