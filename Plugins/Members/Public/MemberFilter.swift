import PluginAPI
import SQLKit

/// A condition another module adds to a member list or count, without knowing Members' columns.
public enum MemberFilter: Sendable {
    /// Followed up at least once (true) or never (false).
    case followedUp(Bool)
    /// Signed a contract (true) or not (false).
    case signed(Bool)
    /// Next contact due before `epoch` (UTC seconds), i.e. due today or overdue when given the end of today.
    case nextContactBefore(Int64)
    /// Birthday on this month and day, `MM-dd`.
    case birthdayOn(String)
    /// Birthday in this month, `MM`.
    case birthdayInMonth(String)
    /// The pre-sale matchmaker is `staffID`.
    case presaleOwner(Int64)
    /// Member id in the result of `subquery` (a one-column SELECT of the caller's own tables).
    case idIn(any SQLExpression)
    /// Member id not in the result of `subquery`.
    case idNotIn(any SQLExpression)
    /// A row exists in `subquery`: a SELECT of the caller's own tables correlated with the member as `members_member.id`.
    /// Judged per member found, so it suits lists whose visible members are fewer than the caller's matching rows.
    case exists(any SQLExpression)
    /// No row exists in `subquery` (correlated like ``exists(_:)``).
    case notExists(any SQLExpression)
    /// Registered from `source` (`staff`, `import`, `api`, `front_registration` …).
    case source(String)

    /// `substr(birthday, 6, 5)`: the month and day, the expression the birthday index is built on.
    static let monthDay: any SQLExpression = SQLRaw("substr(birthday, 6, 5)")

    /// The SQL condition over `members_member`.
    var condition: any SQLExpression {
        switch self {
        case .followedUp(let yes):
            return SQLBinaryExpression(SQLColumn("last_contact_at"), yes ? .isNot : .is, SQLLiteral.null)
        case .signed(let yes):
            return SQLBinaryExpression(SQLColumn("signed"), .equal, SQLBind(yes ? 1 : 0))
        case .nextContactBefore(let epoch):
            return SQLBinaryExpression(SQLColumn("next_contact_at"), .lessThan, SQLBind(epoch))
        case .birthdayOn(let monthDay):
            return SQLBinaryExpression(Self.monthDay, .equal, SQLBind(monthDay))
        case .birthdayInMonth(let month):
            return SQLGroupExpression(SQLList([SQLBinaryExpression(Self.monthDay, .greaterThanOrEqual, SQLBind("\(month)-01")),
                                               SQLBinaryExpression(Self.monthDay, .lessThanOrEqual, SQLBind("\(month)-31"))],
                                              separator: SQLRaw(" AND ")))
        case .presaleOwner(let id):
            return SQLBinaryExpression(SQLColumn("owner_id"), .equal, SQLBind(id))
        case .idIn(let subquery):
            return SQLBinaryExpression(SQLColumn("id"), .in, SQLGroupExpression(subquery))
        case .idNotIn(let subquery):
            return SQLBinaryExpression(SQLColumn("id"), .notIn, SQLGroupExpression(subquery))
        case .exists(let subquery):
            return SQLList([SQLRaw("EXISTS "), SQLGroupExpression(subquery)], separator: SQLRaw(""))
        case .notExists(let subquery):
            return SQLList([SQLRaw("NOT EXISTS "), SQLGroupExpression(subquery)], separator: SQLRaw(""))
        case .source(let source):
            return SQLBinaryExpression(SQLColumn("source"), .equal, SQLBind(source))
        }
    }
}

/// Which owner column a list judges visibility by.
public enum MemberScope: Sendable {
    /// Either matchmaker (pre-sale or after-sale): Members' own lists.
    case anyOwner
    /// The pre-sale matchmaker only: the pre-sale workbench.
    case presale
    /// The after-sale matchmaker only: the after-sale workbench.
    case aftersale
}
