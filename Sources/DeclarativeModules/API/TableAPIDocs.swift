import PluginAPI

/// The OpenAPI descriptions of one declarative table's API routes, from its definition.
struct TableAPIDocs: Sendable {
    let context: TableContext

    private var table: TableDefinition { context.table }
    private var name: String { table.label.en.isEmpty ? table.id : table.label.en }

    /// A field's value as the API answers it: booleans true/false, numbers for integers, money (fen), datetimes, member UIDs
    /// and staff ids, strings otherwise; null when not set (booleans are false then).
    static func schema(of field: FieldDefinition) -> JSONSchema {
        switch field.type {
        case .boolean: .boolean
        case .integer, .money, .datetime, .member, .staff: JSONSchema.integer.orNull
        case .date: JSONSchema.string(format: "date").orNull
        case .text, .dictionary: JSONSchema.string.orNull
        }
    }

    /// A record: id, owner, times and every field.
    var record: JSONSchema {
        var properties: [String: JSONSchema] = ["id": .integer, "owner_id": JSONSchema.integer.orNull,
                                                "created_at": .integer, "updated_at": .integer]
        for field in table.fields { properties[field.id] = Self.schema(of: field) }
        return .object(properties, required: properties.keys.sorted())
    }

    /// A body to create or change a record: the fields only (an unknown key is refused with 422).
    var body: JSONSchema {
        var properties: [String: JSONSchema] = [:]
        for field in table.fields { properties[field.id] = Self.schema(of: field) }
        return .object(properties, closed: true)
    }

    var filters: [APIParameter] {
        let search = TableSearch.queryNames(of: table)
        return search.map { APIParameter($0, .string, "search filter, as on the list page") } + APIParameter.paging
            + APIParameter.sorting(["id", "created_at", "updated_at"] + table.fields.map(\.id))
    }

    var list: APIDoc { APIDoc("\(name): records the caller may see, filtered, paged", query: filters, response: .page(of: record)) }
    var one: APIDoc { APIDoc("\(name): one record the caller may see", response: record) }
    var create: APIDoc { APIDoc("\(name): adds a record owned by the caller", body: body, response: record, status: 201) }
    var update: APIDoc { APIDoc("\(name): changes a record; fields left out keep their values", body: body, response: record) }
    var delete: APIDoc { APIDoc("\(name): deletes a record", response: APIDoc.deleted) }
}
