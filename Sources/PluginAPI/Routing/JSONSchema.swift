/// A JSON Schema (2020-12, the dialect of OpenAPI 3.1) of a value a JSON API route takes or answers, for the host's
/// OpenAPI document. Only what the API needs: scalar types, enums, formats, bounds, arrays, objects, null.
///
/// ```swift
/// let item: JSONSchema = .object(["id": .integer, "title": .string(maxLength: 200), "owner_id": .integer.orNull],
///                                required: ["id", "title"])
/// ```
/// Objects allow properties they do not list unless `closed` is set (a response may grow a field without breaking clients).
public struct JSONSchema: Sendable, Equatable, Encodable {
    /// The schema's keywords.
    let keywords: [String: Keyword]

    indirect enum Keyword: Sendable, Equatable, Encodable {
        case text(String), number(Int64), flag(Bool), texts([String]), schema(JSONSchema), schemas([JSONSchema])
        case properties([String: JSONSchema])

        func encode(to encoder: any Encoder) throws {
            var container = encoder.singleValueContainer()
            switch self {
            case .text(let s): try container.encode(s)
            case .number(let n): try container.encode(n)
            case .flag(let b): try container.encode(b)
            case .texts(let list): try container.encode(list)
            case .schema(let s): try container.encode(s)
            case .schemas(let list): try container.encode(list)
            case .properties(let map): try container.encode(map)
            }
        }
    }

    init(_ keywords: [String: Keyword]) { self.keywords = keywords }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(keywords)
    }

    /// Any JSON value.
    public static let anyValue = JSONSchema([:])
    /// A string.
    public static let string = JSONSchema(["type": .text("string")])
    /// A whole number.
    public static let integer = JSONSchema(["type": .text("integer")])
    /// A number.
    public static let number = JSONSchema(["type": .text("number")])
    /// true or false.
    public static let boolean = JSONSchema(["type": .text("boolean")])

    /// A string with a format (`date`, `date-time`, `email`), a length limit or a pattern.
    public static func string(format: String? = nil, minLength: Int? = nil, maxLength: Int? = nil, pattern: String? = nil) -> JSONSchema {
        var k: [String: Keyword] = ["type": .text("string")]
        if let format { k["format"] = .text(format) }
        if let minLength { k["minLength"] = .number(Int64(minLength)) }
        if let maxLength { k["maxLength"] = .number(Int64(maxLength)) }
        if let pattern { k["pattern"] = .text(pattern) }
        return JSONSchema(k)
    }

    /// One of the given strings.
    public static func oneOf(_ values: [String]) -> JSONSchema {
        JSONSchema(["type": .text("string"), "enum": .texts(values)])
    }

    /// A whole number within bounds.
    public static func integer(minimum: Int64? = nil, maximum: Int64? = nil) -> JSONSchema {
        var k: [String: Keyword] = ["type": .text("integer")]
        if let minimum { k["minimum"] = .number(minimum) }
        if let maximum { k["maximum"] = .number(maximum) }
        return JSONSchema(k)
    }

    /// An array of `items`.
    public static func array(_ items: JSONSchema) -> JSONSchema {
        JSONSchema(["type": .text("array"), "items": .schema(items)])
    }

    /// An object with `properties`, of which `required` must be present; `values` is the schema of properties not listed
    /// (nil: anything), `closed` forbids unlisted ones.
    public static func object(_ properties: [String: JSONSchema] = [:], required: [String] = [], values: JSONSchema? = nil,
                              closed: Bool = false) -> JSONSchema {
        var k: [String: Keyword] = ["type": .text("object")]
        if !properties.isEmpty { k["properties"] = .properties(properties) }
        if !required.isEmpty { k["required"] = .texts(required.sorted()) }
        if closed { k["additionalProperties"] = .flag(false) } else if let values { k["additionalProperties"] = .schema(values) }
        return JSONSchema(k)
    }

    /// This schema or null.
    public var orNull: JSONSchema {
        JSONSchema(["anyOf": .schemas([self, JSONSchema(["type": .text("null")])])])
    }

    /// This schema with a description.
    public func described(_ text: String) -> JSONSchema {
        var k = keywords
        k["description"] = .text(text)
        return JSONSchema(k)
    }

    /// The names of the object properties this schema lists (empty for other schemas).
    public var propertyNames: [String] {
        if case .properties(let map)? = keywords["properties"] { return map.keys.sorted() }
        return []
    }
}
