/// Which owners' records a user may see (or act on) for one permission.
public enum Visibility: Sendable, Equatable {
    /// No grant at all: nothing is visible, not even unowned records.
    case none
    /// Scope `all`, or the system administrator: every record.
    case all
    /// The user's own id, plus (with scope `subtree`) every user whose role is a
    /// strict descendant of the user's role.
    case owners(Set<UserID>)

    /// Whether a record with this owner is visible; an unowned record (`nil`) is
    /// visible unless the visibility is `.none`.
    public func includes(owner: UserID?) -> Bool {
        switch self {
        case .none:
            return false
        case .all:
            return true
        case .owners(let owners):
            guard let owner else { return true }
            return owners.contains(owner)
        }
    }
}
