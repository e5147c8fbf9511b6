import PluginAPI

/// Shows stored UTC epoch seconds in the agency's time zone (see `AgencyTime`).
enum TimeFormat {
    static func dateTime(_ epoch: Int64?, timeZone: String) -> String { AgencyTime.format(epoch, timeZone: timeZone) }
    static func dayStart(_ text: String, timeZone: String) -> Int64? { AgencyTime.dayStart(text, timeZone: timeZone) }
}
