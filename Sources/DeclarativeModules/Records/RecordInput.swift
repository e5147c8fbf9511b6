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

    /// The fields of a JSON object; for an update, the fields it leaves out keep `existing`'s values. Unknown keys are ignored.
    /// Anything but a JSON object of scalars is a 400 with `invalid` as its message.
    init(json body: [UInt8], table: TableDefinition, existing: Record?, invalid: String) throws {
        guard let object = try? JSONDecoder().decode([String: JSONScalar].self, from: Data(body)) else {
            throw ModuleError.badRequest(invalid)
        }
        var values: [String: JSONScalar] = [:]
        let stored = existing?.json(table) ?? [:]
        for field in table.fields {
            values[field.id] = object[field.id] ?? stored[field.id] ?? .null
        }
        self.values = values
        self.isJSON = true
    }
}
