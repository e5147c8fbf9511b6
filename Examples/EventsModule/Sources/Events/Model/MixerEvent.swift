import PluginAPI
import SQLKit

/// One row of `events_event`.
struct MixerEvent: Codable, Sendable {
    let id: Int64
    let owner_id: Int64
    let title: String
    let venue: String
    let starts_at: Int64
    let capacity: Int
    let signed_up: Int
    let note: String

    static let columns = ["id", "owner_id", "title", "venue", "starts_at", "capacity", "signed_up", "note"]

    /// Loads event `id` (the `:id` parameter by default): 404 when missing or invisible, 403 without `action`.
    static func load(_ req: ModuleRequest, _ action: String, id: Int64? = nil) async throws -> MixerEvent {
        guard let event = try await req.db.select().columns(columns).from("events_event").where("id", .equal, try id ?? req.id())
            .first(decoding: MixerEvent.self) else { throw ModuleError.notFound }
        try req.access.require("event", action, owner: event.owner_id)
        return event
    }
}

/// One row of `events_signup`.
struct SignUp: Codable, Sendable {
    let id: Int64
    let event_id: Int64
    let member_id: Int64
    let owner_id: Int64
    let attended: Int

    static let columns = ["id", "event_id", "member_id", "owner_id", "attended"]
}
