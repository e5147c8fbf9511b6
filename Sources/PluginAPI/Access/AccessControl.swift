import Kernel
import SQLKit

/// The kernel, bound to the current user and module: the only place a module asks about visibility and actions.
///
/// ```swift
/// let rows = try await req.db.select().column("*").from("notes_note")
///     .where(req.access.ownerPredicate("note"))
///     .all()
/// try req.access.require("note", "edit", owner: note.ownerID)   // throws 404 or 403
/// ```
public struct AccessControl: Sendable {
    /// The permission snapshot of this request.
    public let snapshot: KernelSnapshot
    /// The acting user, nil when not logged in.
    public let actor: Actor?
    /// The module permissions are resolved against.
    public let moduleID: String

    /// Creates the façade (the host does this per request).
    public init(snapshot: KernelSnapshot, actor: Actor?, moduleID: String) {
        self.snapshot = snapshot
        self.actor = actor
        self.moduleID = moduleID
    }

    /// The same façade resolving permissions of another module (one this module depends on).
    public func forModule(_ id: String) -> AccessControl {
        AccessControl(snapshot: snapshot, actor: actor, moduleID: id)
    }

    private func key(_ resource: String, _ action: String) -> PermissionKey {
        PermissionKey(module: moduleID, resource: resource, action: action)
    }

    /// Whether the user holds `action` on `resource` at any scope.
    public func isGranted(_ resource: String, _ action: String) -> Bool {
        guard let actor else { return false }
        return snapshot.isGranted(key(resource, action), to: actor)
    }

    /// The owners whose records of `resource` the user may see.
    public func visibility(_ resource: String, _ action: String = "view") -> Visibility {
        guard let actor else { return .none }
        return snapshot.visibility(of: actor, for: key(resource, action))
    }

    /// A SQL predicate restricting `column` (default `owner_id`) to visible owners: use it in every list query.
    public func ownerPredicate(_ resource: String, action: String = "view", column: String = "owner_id",
                               table: String? = nil) -> any SQLExpression {
        ownerPredicate(resource, action: action, on: table.map { SQLColumn(column, table: $0) } ?? SQLColumn(column))
    }

    /// The same predicate over any owner expression (e.g. `owner_id + 0` to keep the planner off an index).
    public func ownerPredicate(_ resource: String, action: String = "view", on col: any SQLExpression) -> any SQLExpression {
        switch visibility(resource, action) {
        case .none:
            return SQLBinaryExpression(SQLLiteral.numeric("1"), .equal, SQLLiteral.numeric("0"))
        case .all:
            return SQLBinaryExpression(SQLLiteral.numeric("1"), .equal, SQLLiteral.numeric("1"))
        case .owners(let ids):
            let sorted = ids.sorted()
            if sorted.count == 1 { return SQLBinaryExpression(col, .equal, SQLBind(sorted[0])) }
            return SQLBinaryExpression(col, .in, SQLGroupExpression(sorted.map { SQLBind($0) as any SQLExpression }))
        }
    }

    /// The decision on acting on a record owned by `owner` (nil: unowned).
    public func decide(_ resource: String, _ action: String, owner: Int64?) -> Decision {
        guard let actor else { return .notFound }
        return snapshot.decide(key(resource, action), for: actor, recordOwner: owner)
    }

    /// Throws `ModuleError.notFound` (record not visible) or `.forbidden` (action not granted) unless allowed.
    public func require(_ resource: String, _ action: String, owner: Int64?) throws {
        guard actor != nil else { throw ModuleError.unauthenticated }
        switch decide(resource, action, owner: owner) {
        case .allowed: return
        case .forbidden: throw ModuleError.forbidden
        case .notFound: throw ModuleError.notFound
        }
    }

    /// Throws `ModuleError.forbidden` unless the user holds `action` on `resource` (for actions not tied to a record).
    public func require(_ resource: String, _ action: String) throws {
        guard let actor else { throw ModuleError.unauthenticated }
        switch snapshot.decide(key(resource, action), for: actor) {
        case .allowed: return
        case .forbidden: throw ModuleError.forbidden
        case .notFound: throw ModuleError.notFound
        }
    }
}
