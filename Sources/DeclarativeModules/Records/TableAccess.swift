import Kernel
import PluginAPI
import SQLKit

/// The kernel's answers about a declarative table's records: visibility by `owner_id`, nothing else.
struct TableAccess: Sendable {
    let context: TableContext

    /// The list predicate for `action`.
    func predicate(_ req: ModuleRequest, action: String = "view") -> any SQLExpression {
        req.access.ownerPredicate(context.resource, action: action)
    }

    /// Whether the user may take `action` on `record`.
    func allows(_ req: ModuleRequest, _ record: Record, _ action: String) -> Bool {
        req.access.decide(context.resource, action, owner: record.ownerID) == .allowed
    }

    /// Loads record `:id` and checks `action` on it: 404 when it does not exist or is not visible, then 403 when the action is not granted.
    func load(_ req: ModuleRequest, _ action: String) async throws -> Record {
        guard let record = try await RecordStore(context: context).find(try req.id(), db: req.db) else { throw ModuleError.notFound }
        if action != "view" { try req.access.require(context.resource, "view", owner: record.ownerID) }
        try req.access.require(context.resource, action, owner: record.ownerID)
        return record
    }
}
