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
        address(id: member.id, email: member["email"], mobile: member["mobile"], optOut: member.optOut, on: channel)
    }

    /// The rule of ``address(of:on:)`` over the columns it reads, for a send that selects only those (a mass send's batch):
    /// the address without surrounding space, "" when it is empty or holds a line break.
    public static func address(id: Int64, email: String?, mobile: String?, optOut: Bool, on channel: OutboxChannel) -> String {
        if optOut { return "" }
        let raw = switch channel {
        case .email: email ?? ""
        case .sms: mobile ?? ""
        case .internal: "member:\(id)"
        }
        let address = raw.trimmingCharacters(in: .whitespacesAndNewlines)
        return address.contains(where: \.isNewline) ? "" : address
    }
}
