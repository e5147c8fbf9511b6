import Foundation
import PluginAPI

/// The JSON API under `/api/events`: list and read events, sign a member up (201, or 409 when full).
struct EventsAPI: Sendable {
    func register(_ routes: inout RouteCollector) throws {
        try routes.api(.get, "/", .requires("event", "view"), doc: Docs.list, list)
        try routes.api(.get, "/:id", .requires("event", "view"), doc: Docs.show, show)
        try routes.api(.post, "/:id/signups", .requires("signup", "add"), doc: Docs.signUp, signUp)
    }

    /// What each route takes and answers, for the host's OpenAPI document.
    enum Docs {
        static let event = JSONSchema.object(
            ["id": .integer, "owner_id": .integer, "title": .string, "venue": .string, "starts_at": .integer.described("UTC epoch seconds"),
             "capacity": .integer, "signed_up": .integer, "note": .string],
            required: ["id", "owner_id", "title", "venue", "starts_at", "capacity", "signed_up", "note"])
        static let signUp = APIDoc(
            "Signs a member up for the event (409 when it is full)", body: .object(["member_id": .integer], required: ["member_id"]),
            response: .object(["id": .integer, "event_id": .integer, "member_id": .integer], required: ["id", "event_id", "member_id"]), status: 201)
        static let list = APIDoc("Events the caller may see, paged", query: [APIParameter("page", .integer(minimum: 1), "page number, from 1")],
                                 response: .page(of: event))
        static let show = APIDoc("One event with its sign-ups", response: .object(
            ["event": event, "signups": .array(.object(["id": .integer, "event_id": .integer, "member_id": .integer, "owner_id": .integer,
                                                        "attended": .integer], required: ["id", "event_id", "member_id", "owner_id", "attended"]))],
            required: ["event", "signups"]))
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
