import Kernel
import PluginAPI
import SQLKit

/// The kernel's answers about consultations. A consultation is owned by its assigned matchmaker (`owner_id`) and judged
/// like any owned record; one nobody is assigned to yet is reached only by users holding `allocate` on consultations.
enum ConsultAccess {
    static let resource = "consultation"

    /// Whether the user may reach unassigned consultations (holds `allocate` at any scope).
    static func reachesUnassigned(_ req: ModuleRequest) -> Bool {
        req.access.isGranted(resource, "allocate")
    }

    /// The list predicate for `action`: visible owners, plus the unassigned ones for allocate holders.
    static func predicate(_ req: ModuleRequest, action: String = "view", table: String? = nil) -> any SQLExpression {
        let owned = req.access.ownerPredicate(resource, action: action, column: "owner_id", table: table)
        guard reachesUnassigned(req), req.access.isGranted(resource, action) else { return owned }
        let column: any SQLExpression = table.map { SQLColumn("owner_id", table: $0) } ?? SQLColumn("owner_id")
        return SQLGroupExpression(SQLList([owned, SQLBinaryExpression(column, .is, SQLLiteral.null)], separator: SQLRaw(" OR ")))
    }

    /// The decision on `action` for `consultation`: by its owner, or — unassigned — only for allocate holders.
    static func decide(_ req: ModuleRequest, _ consultation: Consultation, _ action: String) -> Decision {
        if let owner = consultation.owner_id { return req.access.decide(resource, action, owner: owner) }
        guard reachesUnassigned(req) else { return .notFound }
        return req.access.decide(resource, action, owner: nil)
    }

    /// Throws 404 when the consultation is not visible, 403 when visible but `action` is not granted on it.
    static func require(_ req: ModuleRequest, _ consultation: Consultation, _ action: String) throws {
        switch decide(req, consultation, action) {
        case .allowed: return
        case .forbidden: throw ModuleError.forbidden
        case .notFound: throw ModuleError.notFound
        }
    }

    /// Loads consultation `:id` and checks `action` on it (404 before 403: existence is not revealed).
    static func load(_ req: ModuleRequest, _ action: String, id: Int64? = nil) async throws -> Consultation {
        guard let consultation = try await Consultation.find(try id ?? req.id(), db: req.db) else { throw ModuleError.notFound }
        if action != "view" { try require(req, consultation, "view") }
        try require(req, consultation, action)
        return consultation
    }
}
