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

/// A JSON scalar of the API: what a field's value looks like on the wire, in and out.
enum JSONScalar: Codable, Sendable, Equatable {
    case string(String)
    case int(Int64)
    case double(Double)
    case bool(Bool)
    case null

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() { self = .null }
        else if let b = try? container.decode(Bool.self) { self = .bool(b) }
        else if let i = try? container.decode(Int64.self) { self = .int(i) }
        else if let d = try? container.decode(Double.self) { self = .double(d) }
        else { self = .string(try container.decode(String.self)) }
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .string(let s): try container.encode(s)
        case .int(let i): try container.encode(i)
        case .double(let d): try container.encode(d)
        case .bool(let b): try container.encode(b)
        case .null: try container.encodeNil()
        }
    }
}
