import Foundation
import PluginAPI

/// Today in the agency's time zone, and the bounds the workbench lists and widgets compare with.
struct AgencyDay: Sendable {
    let timeZone: String
    /// `yyyy-MM-dd`.
    let today: String
    /// Start of today (UTC epoch seconds).
    let start: Int64

    static func now(_ req: ModuleRequest, at date: Date = Date()) async throws -> AgencyDay {
        let zone = try await req.host.site.all().timeZone
        let today = AgencyTime.today(timeZone: zone, now: date)
        return AgencyDay(timeZone: zone, today: today, start: AgencyTime.dayStart(today, timeZone: zone) ?? Int64(date.timeIntervalSince1970))
    }

    /// Start of tomorrow: what is due "today or overdue" is before it.
    var endOfToday: Int64 { start + 86_400 }
    /// `MM-dd`.
    var monthDay: String { String(today.dropFirst(5)) }
    /// `MM`.
    var month: String { String(today.dropFirst(5).prefix(2)) }
    /// Start of this month (UTC epoch seconds).
    var monthStart: Int64 { AgencyTime.dayStart(String(today.prefix(8)) + "01", timeZone: timeZone) ?? start }
    /// `yyyy-MM-dd` of today plus `days`.
    func date(plus days: Int) -> String { AgencyTime.format(start + Int64(days) * 86_400 + 43_200, timeZone: timeZone, pattern: "yyyy-MM-dd") }
}
