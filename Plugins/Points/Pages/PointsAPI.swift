import Foundation
import PluginAPI

/// The JSON API under `/api/points`: the same permissions, visibility and validation as the pages.
struct PointsAPI: Sendable {
    func register(_ routes: inout RouteCollector) throws {
        try routes.api(.get, "/", .requires("item", "view"), doc: Docs.list, list)
        try routes.api(.get, "/:id", .requires("item", "view"), doc: Docs.show, show)
        try routes.api(.post, "/", .requires("item", "add"), doc: Docs.create, create)
        try routes.api(.put, "/:id", .requires("item", "edit"), doc: Docs.update, update)
        try routes.api(.delete, "/:id", .requires("item", "delete"), doc: Docs.delete, delete)
    }

    /// What each route takes and answers, for the host's OpenAPI document.
    enum Docs {
        static let item = JSONSchema.object(["id": .integer, "owner_id": .integer, "title": .string, "note": .string,
                                             "updated_at": .integer.described("UTC epoch seconds")],
                                            required: ["id", "owner_id", "title", "note", "updated_at"])
        static let body = JSONSchema.object(["title": .string(minLength: 1, maxLength: 80), "note": .string(maxLength: 2000)],
                                            required: ["title"])
        static let list = APIDoc("Items the caller may see, paged", query: [APIParameter("q", .string, "words in the title or note")]
                                 + [APIParameter("page", .integer(minimum: 1), "page number, from 1")]
                                 + APIParameter.sorting(["id", "title", "updated_at"]), response: .page(of: item))
        static let show = APIDoc("One item the caller may see", response: item)
        static let create = APIDoc("Adds an item owned by the caller", body: body, response: item, status: 201)
        static let update = APIDoc("Changes an item", body: body, response: item)
        static let delete = APIDoc("Deletes an item", response: APIDoc.deleted)
    }

    struct Page: Encodable { let total: Int; let total_capped: Bool; let page: Int; let page_size: Int; let items: [PointsItem] }

    @Sendable func list(_ req: ModuleRequest) async throws -> ModuleResponse {
        let (items, page, _) = try await PointsListPages.search(req)
        return try .json(Page(total: page.total, total_capped: page.totalIsCapped, page: page.page, page_size: page.pageSize, items: items))
    }

    @Sendable func show(_ req: ModuleRequest) async throws -> ModuleResponse {
        try .json(try await PointsItem.load(req, "view"))
    }

    /// The body as a validated input: 400 when it is not a JSON object of strings, 422 with a message per field.
    func input(_ req: ModuleRequest) throws -> PointsInput {
        guard let object = try? JSONSerialization.jsonObject(with: Data(req.body)) as? [String: Any] else {
            throw ModuleError.badRequest(req.t("api.badJSON"))
        }
        let input = PointsInput(FormData(fields: object.compactMapValues { ($0 as? String).map { [$0] } }))
        let errors = input.errors(req)
        guard errors.isEmpty else { throw ModuleError.validation(errors) }
        return input
    }

    @Sendable func create(_ req: ModuleRequest) async throws -> ModuleResponse {
        guard let user = req.user else { throw ModuleError.unauthenticated }
        let id = try await PointsFormPages.insert(req, try input(req), owner: user.id)
        var created = req
        created.parameters["id"] = String(id)
        return try .json(try await PointsItem.load(created, "view"), status: 201)
    }

    @Sendable func update(_ req: ModuleRequest) async throws -> ModuleResponse {
        let item = try await PointsItem.load(req, "edit")
        try await PointsFormPages.update(req, item, try input(req))
        return try .json(try await PointsItem.load(req, "view"))
    }

    @Sendable func delete(_ req: ModuleRequest) async throws -> ModuleResponse {
        let item = try await PointsItem.load(req, "delete")
        try await PointsFormPages.delete(req, item)
        struct Deleted: Encodable { let deleted: Int64 }
        return try .json(Deleted(deleted: item.id))
    }
}
