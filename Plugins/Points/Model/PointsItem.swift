import Foundation
import PluginAPI
import SQLKit

/// One row of `points_item`.
struct PointsItem: Codable, Sendable {
    let id: Int64
    let owner_id: Int64
    let title: String
    let note: String
    let updated_at: Int64

    static let columns = ["id", "owner_id", "title", "note", "updated_at"]

    /// Loads the item of the `:id` parameter: 404 when it does not exist or the user cannot see it, 403 without `action`.
    static func load(_ req: ModuleRequest, _ action: String) async throws -> PointsItem {
        guard let item = try await req.db.select().columns(columns).from("points_item").where("id", .equal, try req.id())
            .first(decoding: PointsItem.self) else { throw ModuleError.notFound }
        try req.access.require("item", action, owner: item.owner_id)
        return item
    }
}

/// The submitted fields of an item, validated with a message per field in the user's language.
struct PointsInput: Sendable {
    let title: String
    let note: String

    init(_ form: FormData) {
        title = form["title"].trimmingCharacters(in: .whitespacesAndNewlines)
        note = form["note"].trimmingCharacters(in: .whitespacesAndNewlines)
    }

    func errors(_ req: ModuleRequest) -> [String: String] {
        var v = Validator(language: req.language)
        v.required("title", title, label: req.t("field.title"))
        v.length("title", title, 1...80, label: req.t("field.title"))
        v.length("note", note, 0...2000, label: req.t("field.note"))
        return v.errors
    }

    func fields(_ req: ModuleRequest, errors: [String: String]) -> [FormField] {
        [FormField(name: "title", label: req.t("field.title"), value: title, required: true, error: errors["title"], maxLength: 80),
         FormField(name: "note", label: req.t("field.note"), kind: .textarea(rows: 4), value: note, error: errors["note"], maxLength: 2000)]
    }
}
