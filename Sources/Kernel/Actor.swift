/// The logged-in staff user a decision is made for.
///
/// Named after the audit-log notion of "who acted"; it shadows the concurrency
/// `Actor` protocol in files that import `Kernel` (spell that one `_Concurrency.Actor`).
public struct Actor: Sendable, Hashable {
    /// The user's identifier; records with this `owner_id` are the user's own.
    public let userID: UserID
    /// The user's (single) role.
    public let roleID: RoleID
    /// Whether the user holds the built-in system administrator role.
    public let isSystemAdmin: Bool

    /// Creates an actor.
    public init(userID: UserID, roleID: RoleID, isSystemAdmin: Bool = false) {
        self.userID = userID
        self.roleID = roleID
        self.isSystemAdmin = isSystemAdmin
    }
}
