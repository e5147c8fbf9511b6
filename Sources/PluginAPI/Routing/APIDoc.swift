/// What a JSON API route takes and answers: the host builds its OpenAPI document (`/api/openapi.json`) from these, and
/// every `routes.api(…)` states one.
///
/// Errors need no description: every operation answers them alike (`{error, message?, fields?}`, see ``APIDoc/errorBody``).
/// ```swift
/// try routes.api(.get, "/", .requires("item", "view"),
///                doc: APIDoc("Items the caller may see, paged", query: APIParameter.paging, response: .page(of: item)), list)
/// ```
public struct APIDoc: Sendable, Equatable {
    /// One line saying what the route does.
    public var summary: String
    /// Query parameters.
    public var query: [APIParameter]
    /// The JSON body it takes, nil for none.
    public var body: JSONSchema?
    /// The JSON body of its success answer.
    public var response: JSONSchema
    /// The status of its success answer (200, or 201 for a create).
    public var status: Int

    /// Describes a route.
    public init(_ summary: String, query: [APIParameter] = [], body: JSONSchema? = nil, response: JSONSchema, status: Int = 200) {
        self.summary = summary
        self.query = query
        self.body = body
        self.response = response
        self.status = status
    }

    /// The body of every error answer of the API: the status's title, an optional message, and for 422 a message per field.
    public static let errorBody = JSONSchema.object(["error": .string, "message": .string, "fields": .object(values: .string)],
                                                    required: ["error"])

    /// A `{deleted: id}` answer.
    public static let deleted = JSONSchema.object(["deleted": .integer], required: ["deleted"], closed: true)
}

/// A query parameter of an API route.
public struct APIParameter: Sendable, Equatable {
    /// Its name.
    public var name: String
    /// Its value's schema (as the value reads once parsed: `.integer` for `?page=2`).
    public var schema: JSONSchema
    /// What it does.
    public var description: String
    /// Whether the route needs it.
    public var required: Bool

    /// Describes a parameter.
    public init(_ name: String, _ schema: JSONSchema = .string, _ description: String, required: Bool = false) {
        self.name = name
        self.schema = schema
        self.description = description
        self.required = required
    }

    /// `page` (1-based) and `page_size` of a paged list.
    public static let paging = [
        APIParameter("page", .integer(minimum: 1), "page number, from 1"),
        APIParameter("page_size", .integer(minimum: 1, maximum: 200), "rows per page"),
    ]
    /// `sort` and `dir` of a sortable list.
    public static func sorting(_ columns: [String]) -> [APIParameter] {
        [APIParameter("sort", .oneOf(columns), "sort column"), APIParameter("dir", .oneOf(["asc", "desc"]), "sort direction")]
    }
}

extension APIDoc {
    /// A route answering the children of the region `?parent=` (`RegionDirectory.children(of:)`).
    public static let regionChildren = APIDoc(
        "Regions below a parent code (provinces without one)", query: [APIParameter("parent", .string, "6-digit region code")],
        response: .array(.object(["code": .string, "parentCode": .string, "level": .integer(minimum: 1, maximum: 3), "name": .string],
                                 required: ["code", "level", "name"])))
}

extension JSONSchema {
    /// The envelope of a paged list: `{total, total_capped, page, page_size, items}`.
    public static func page(of item: JSONSchema) -> JSONSchema {
        .object(["total": .integer(minimum: 0), "total_capped": .boolean, "page": .integer(minimum: 1),
                 "page_size": .integer(minimum: 1), "items": .array(item)],
                required: ["total", "total_capped", "page", "page_size", "items"])
    }
}
