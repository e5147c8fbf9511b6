import PluginAPI

extension MemberDirectory {
    /// A member's username for a row of another module: a link to `<linkBase>/<id>` when the user may see the member,
    /// plain text otherwise, `#<id>` when the member is not loaded.
    public static func name(_ req: ModuleRequest, _ member: MemberRecord?, id: Int64, linkBase: String) -> HTML {
        guard let member else { return .text("#\(id)") }
        return allows(req, member, "view") ? HTML.link(member.username, href: "\(linkBase)/\(member.id)") : .text(member.username)
    }

    /// Where a message on `channel` reaches `member` (loaded with every column, e.g. `record(id:db:)`): the e-mail address,
    /// the mobile number, or `member:<id>` on the member site; "" when the member has none for that channel or opted out of
    /// messages (``MemberRecord/optOut``).
    public static func address(of member: MemberRecord, on channel: OutboxChannel) -> String {
        if member.optOut { return "" }
        switch channel {
        case .email: return member["email"]
        case .sms: return member["mobile"]
        case .internal: return "member:\(member.id)"
        }
    }
}
