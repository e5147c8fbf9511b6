import Foundation
import SQLKit

/// A field's value as stored: text, a 64-bit integer, or nothing.
enum StoredValue: Sendable, Equatable {
    case text(String)
    case int(Int64)
    case null

    var sql: any SQLExpression {
        switch self {
        case .text(let s): SQLBind(s)
        case .int(let i): SQLBind(i)
        case .null: SQLLiteral.null
        }
    }

    var intValue: Int64? { if case .int(let i) = self { i } else { nil } }
    var textValue: String? { if case .text(let s) = self { s } else { nil } }
    var isNull: Bool { self == .null }
}
