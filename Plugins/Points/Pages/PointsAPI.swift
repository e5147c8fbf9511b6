import Foundation
import PluginAPI

/// The JSON API under `/api/points`: the same permissions, visibility and validation as the pages.
struct PointsAPI: Sendable {
    func register(_ routes: inout RouteCollector) throws {
        try routes.api(.get, "/", .requires("item", "view"), list)
        try routes.api(.get, "/:id", .requires("item", "view"), show)
        try routes.api(.post, "/", .requires("item", "add"), create)
        try routes.api(.put, "/:id", .requires("item", "edit"), update)
        try routes.api(.delete, "/:id", .requires("item", "delete"), delete)
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
