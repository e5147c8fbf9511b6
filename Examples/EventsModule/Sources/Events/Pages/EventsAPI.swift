import Foundation
import PluginAPI

/// The JSON API under `/api/events`: list and read events, sign a member up (201, or 409 when full).
struct EventsAPI: Sendable {
    func register(_ routes: inout RouteCollector) throws {
        try routes.api(.get, "/", .requires("event", "view"), list)
        try routes.api(.get, "/:id", .requires("event", "view"), show)
        try routes.api(.post, "/:id/signups", .requires("signup", "add"), signUp)
    }

    struct Page: Encodable { let total: Int; let total_capped: Bool; let page: Int; let page_size: Int; let items: [MixerEvent] }
    struct Detail: Encodable { let event: MixerEvent; let signups: [SignUp] }

    @Sendable func list(_ req: ModuleRequest) async throws -> ModuleResponse {
        let (events, page, _) = try await EventListPages.search(req)
        return try .json(Page(total: page.total, total_capped: page.totalIsCapped, page: page.page, page_size: page.pageSize, items: events))
    }

    @Sendable func show(_ req: ModuleRequest) async throws -> ModuleResponse {
        let event = try await MixerEvent.load(req, "view")
        return try .json(Detail(event: event, signups: try await EventDetailPages.signUps(req, event)))
    }

    @Sendable func signUp(_ req: ModuleRequest) async throws -> ModuleResponse {
        let event = try await MixerEvent.load(req, "view")
        let object = (try? JSONSerialization.jsonObject(with: Data(req.body))) as? [String: Any]
        guard let memberID = (object?["member_id"] as? NSNumber)?.int64Value else { throw ModuleError.badRequest(req.t("api.badJSON")) }
        let id = try await SignUpBook.signUp(req, event: event, memberID: memberID)
        struct Created: Encodable { let id: Int64; let event_id: Int64; let member_id: Int64 }
        return try .json(Created(id: id, event_id: event.id, member_id: memberID), status: 201)
    }
}
