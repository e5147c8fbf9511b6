/// How far a grant reaches over owned records, ordered `own < subtree < all`.
///
/// - `own`: only records the user owns.
/// - `subtree`: records the user owns, plus records owned by users whose role is a
///   strict descendant of the user's role. This is the default.
/// - `all`: every record of the resource.
public enum Scope: String, Sendable, Codable, CaseIterable, Comparable {
    /// Only the user's own records.
    case own
    /// The user's own records and those of users in strictly subordinate roles.
    case subtree
    /// Every record.
    case all

    /// The scope a new grant gets unless told otherwise: `.subtree`.
    public static let `default`: Scope = .subtree

    /// Orders scopes by reach: `own < subtree < all`.
    public static func < (lhs: Scope, rhs: Scope) -> Bool {
        lhs.rank < rhs.rank
    }

    private var rank: Int {
        switch self {
        case .own: 0
        case .subtree: 1
        case .all: 2
        }
    }
}
