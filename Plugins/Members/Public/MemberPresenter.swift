import PluginAPI

/// Display strings for members, in the user's language, for other modules' pages.
public struct MemberPresenter: Sendable {
    let rows: MemberRows

    /// "女 29岁 离异 本科 165CM".
    public func summary(_ member: MemberRecord) -> String { rows.summary(member) }
    /// Province city district of residence.
    public func region(_ member: MemberRecord) -> String { rows.region(member) }
    /// The label of a dictionary code of a list the presenter loaded (gender, marital_status, education, customer_status).
    public func label(_ list: String, _ code: String) -> String { rows.label(list, code) }
    /// A matchmaker's display name ("—" for nobody).
    public func staffName(_ id: Int64?) -> String { rows.owner(id) }
    /// An epoch second in the agency's time zone, "—" for nil.
    public func time(_ epoch: Int64?) -> String { rows.time(epoch) }
    /// The agency's today, `yyyy-MM-dd`.
    public var today: String { rows.today }
    /// The agency's time zone.
    public var timeZone: String { rows.timeZone }
}
