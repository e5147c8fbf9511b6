import PluginAPI
import SQLKit

/// One front entrustment (前台委托): a signed member's request, assigned to an after-sale matchmaker (its owner).
struct Entrustment: Sendable, Decodable, Equatable {
    var id: Int64
    var member_id: Int64
    var owner_id: Int64?
    var content: String
    var status: String
    var result: String
    var created_at: Int64
    var processed_at: Int64?
    var processed_by: Int64?

    static let columns = ["id", "member_id", "owner_id", "content", "status", "result", "created_at", "processed_at", "processed_by"]
    static let statuses = ["pending", "processed"]

    /// Loads entrustment `id` for `action`: 404 when its owner is not visible to the user, 403 without the grant.
    static func load(_ req: ModuleRequest, _ action: String) async throws -> Entrustment {
        guard let row = try await req.db.select().columns(columns.map { SQLColumn($0) }).from("aftersale_entrustment")
            .where("id", .equal, try req.id()).first(decoding: Entrustment.self) else { throw ModuleError.notFound }
        try req.access.require("entrustment", action, owner: row.owner_id)
        return row
    }
}
