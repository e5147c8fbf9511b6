/// The type of a field of a declarative table: how it is stored, entered, validated and shown.
public enum FieldType: Sendable, Equatable {
    /// Free text (`TEXT`), optionally multi-line, a mobile number or an e-mail address.
    case text
    /// A whole number (`BIGINT`).
    case integer
    /// An amount of money, entered in yuan and stored as integer fen (`BIGINT`).
    case money
    /// A calendar day, stored as `yyyy-MM-dd` text (sorts and compares as text).
    case date
    /// A moment, stored as UTC epoch seconds (`BIGINT`) and shown in the agency's time zone.
    case datetime
    /// Yes or no, stored as 0/1 (`BIGINT`).
    case boolean
    /// The code of an option of the Settings data dictionary list `list` (`TEXT`).
    case dictionary(list: String)
    /// The UID of a member the user may see (`BIGINT`).
    case member
    /// The id of an active staff account (`BIGINT`).
    case staff

    /// The names used in YAML, in the order the reference lists them.
    public static let names = ["text", "integer", "money", "date", "datetime", "boolean", "dictionary", "member", "staff"]

    /// The YAML name of the type.
    public var name: String {
        switch self {
        case .text: "text"
        case .integer: "integer"
        case .money: "money"
        case .date: "date"
        case .datetime: "datetime"
        case .boolean: "boolean"
        case .dictionary: "dictionary"
        case .member: "member"
        case .staff: "staff"
        }
    }

    /// Whether the column holds text (else a 64-bit integer).
    public var storesText: Bool {
        switch self {
        case .text, .date, .dictionary: true
        default: false
        }
    }
}
