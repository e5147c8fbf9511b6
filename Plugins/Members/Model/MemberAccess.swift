import Kernel
import PluginAPI
import SQLKit

/// The kernel's answers about members: a member is judged by both of its owners (pre-sale and after-sale matchmaker).
/// Unallocated members have no owner and are reachable only with scope `all`.
enum MemberAccess {
    /// The visibility predicate for member lists: visible through the pre-sale or the after-sale owner.
    /// `scope` narrows it to one owner column (the pre-sale or after-sale workbench).
    static func predicate(_ req: ModuleRequest, action: String = "view", table: String? = nil, walkSortOrder: Bool = false,
                          scope: MemberScope = .anyOwner) -> any SQLExpression {
        func column(_ name: String) -> any SQLExpression {
            let col: any SQLExpression = table.map { SQLColumn(name, table: $0) } ?? SQLColumn(name)
            return walkSortOrder ? SQLBinaryExpression(col, .add, SQLLiteral.numeric("0")) : col
        }
        switch scope {
        case .presale: return req.access.ownerPredicate("member", action: action, on: column("owner_id"))
        case .aftersale: return req.access.ownerPredicate("member", action: action, on: column("aftersale_owner_id"))
        case .anyOwner: break
        }
        return SQLGroupExpression(SQLList([
            req.access.ownerPredicate("member", action: action, on: column("owner_id")),
            req.access.ownerPredicate("member", action: action, on: column("aftersale_owner_id")),
        ], separator: SQLRaw(" OR ")))
    }

    /// The visibility of a list as alternatives (``ListQuery/alternatives``): visible through the pre-sale owner, or
    /// through the after-sale owner. One branch when the user sees every member or none, or when `scope` names one column.
    static func alternatives(_ req: ModuleRequest, action: String = "view", scope: MemberScope = .anyOwner) -> [any SQLExpression] {
        guard scope == .anyOwner, case .owners = req.access.visibility("member", action) else {
            return [predicate(req, action: action, scope: scope)]
        }
        return ["owner_id", "aftersale_owner_id"].map { req.access.ownerPredicate("member", action: action, on: SQLColumn($0)) }
    }

    /// The best decision over the member's owners (allowed > forbidden > not found).
    static func decide(_ req: ModuleRequest, _ member: MemberRecord, _ action: String) -> Decision {
        let owners = member.owners.isEmpty ? [Self.nobody] : member.owners
        let decisions = owners.map { req.access.decide("member", action, owner: $0) }
        if decisions.contains(.allowed) { return .allowed }
        if decisions.contains(.forbidden) { return .forbidden }
        return .notFound
    }

    /// Throws 404 when the member is not visible, 403 when visible but `action` is not granted for it.
    static func require(_ req: ModuleRequest, _ member: MemberRecord, _ action: String) throws {
        switch decide(req, member, action) {
        case .allowed: return
        case .forbidden: throw ModuleError.forbidden
        case .notFound: throw ModuleError.notFound
        }
    }

    /// Loads a member and checks `action` on it.
    static func load(_ req: ModuleRequest, _ action: String, id: Int64? = nil) async throws -> MemberRecord {
        let memberID = try id ?? req.id()
        guard let member = try await MemberRecord.find(memberID, db: req.db) else { throw ModuleError.notFound }
        try require(req, member, action)
        return member
    }

    /// Whether contact details of `member` may be shown unmasked.
    static func showsContact(_ req: ModuleRequest, _ member: MemberRecord) -> Bool {
        decide(req, member, "viewContact") == .allowed
    }

    /// An owner id no user has: only scope `all` (and the administrator) reaches records "owned" by it.
    static let nobody: Int64 = 0
}
