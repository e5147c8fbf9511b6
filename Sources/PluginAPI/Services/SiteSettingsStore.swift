/// The agency's site-wide settings, stored by the host (`core_setting`) so they outlive any module.
public protocol SiteSettingsStore: Sendable {
    /// All stored values over the defaults.
    func all() async throws -> SiteSettings
    /// Writes `values` in one transaction, audits the change and makes it visible on the next request; returns the settings
    /// as they were just before (e.g. the logo a new one replaced).
    @discardableResult
    func update(_ values: [String: String], actorID: Int64?) async throws -> SiteSettings
}

/// Resolved site settings with typed accessors.
public struct SiteSettings: Sendable, Equatable {
    /// Every key and its value (defaults included).
    public var values: [String: String]

    /// The defaults of every known key.
    public static let defaults: [String: String] = [
        "agency.name": "月老婚恋",
        "agency.logo": "",
        "agency.hotline": "400-000-0000",
        "agency.phone": "",
        "agency.address": "",
        "agency.email": "",
        "agency.about": "",
        "agency.site_url": "",
        "agency.timezone": "Asia/Shanghai",
        "page_size.staff": "20",
        "page_size.members": "20",
        "page_size.public_matchmakers": "12",
        "session.idle_minutes": "30",
        "session.absolute_hours": "12",
    ]

    /// Creates settings from stored values over the defaults.
    public init(stored: [String: String]) {
        self.values = Self.defaults.merging(stored) { _, new in new }
    }

    /// A value, "" when unknown.
    public subscript(_ key: String) -> String { values[key] ?? "" }

    /// An integer value clamped to `range`, falling back to the default when unparsable.
    public func int(_ key: String, in range: ClosedRange<Int>) -> Int {
        let fallback = Int(Self.defaults[key] ?? "") ?? range.lowerBound
        return min(max(Int(self[key]) ?? fallback, range.lowerBound), range.upperBound)
    }

    /// The agency's name.
    public var agencyName: String { self["agency.name"] }
    /// The agency's time zone identifier.
    public var timeZone: String { self["agency.timezone"] }
}
