import Foundation
import PluginAPI

/// What a user submitted for a record, field by field: a form (every value a string) or a JSON object.
struct RecordInput: Sendable {
    /// Field id → submitted value; a field absent from a JSON update keeps its stored value.
    var values: [String: JSONScalar]
    /// Whether the values come from the JSON API (money in fen, datetimes in epoch seconds).
    var isJSON: Bool

    /// The fields of a submitted form (an unticked checkbox is absent: false).
    init(form: FormData, table: TableDefinition) {
        var values: [String: JSONScalar] = [:]
        for field in table.fields { values[field.id] = .string(form[field.id]) }
        self.values = values
        self.isJSON = false
    }

    /// The fields of a JSON object; for an update, the fields it leaves out keep `existing`'s values. The read-only keys
    /// a record is read with (`id`, `owner_id`, `created_at`, `updated_at`) are ignored, so a record read can be sent back;
    /// any other key that is not a field is a 422 naming it (`unknown`, with `{key}`), so a misspelt field is not taken as
    /// saved. Anything but a JSON object of scalars is a 400 with `invalid` as its message.
    init(json body: [UInt8], table: TableDefinition, existing: Record?, invalid: String, unknown: String) throws {
        guard let object = try? JSONDecoder().decode([String: JSONScalar].self, from: Data(body)) else {
            throw ModuleError.badRequest(invalid)
        }
        let known = Set(table.fields.map(\.id)).union(Self.readOnlyKeys)
        let strangers = object.keys.filter { !known.contains($0) }
        guard strangers.isEmpty else {
            throw ModuleError.validation(Dictionary(uniqueKeysWithValues: strangers.map { ($0, unknown.replacingOccurrences(of: "{key}", with: $0)) }))
        }
        var values: [String: JSONScalar] = [:]
        let stored = existing?.json(table) ?? [:]
        for field in table.fields {
            values[field.id] = object[field.id] ?? stored[field.id] ?? .null
        }
        self.values = values
        self.isJSON = true
    }

    /// Keys of a record as the API answers it that are not fields.
    static let readOnlyKeys: Set<String> = ["id", "owner_id", "created_at", "updated_at"]
}
