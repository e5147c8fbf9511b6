@testable import Kernel

/// How a record's owner stands to the actor, worked out by walking parent pointers of
/// `OrgChart.roleRows` directly, never by asking the kernel.
enum Relation: String, CaseIterable, Sendable {
    case own
    case subordinate
    case deepSubordinate
    case sameRolePeer
    case peerRole
    case peerRoleSubordinate
    case superior
    case unrelatedBranch
    case unknownOwner
    case unowned

    /// What the design says a non-admin may see with a grant of `scope`.
    func isVisible(with scope: Scope?) -> Bool {
        guard let scope else { return false }
        switch self {
        case .own, .unowned: return true
        case .subordinate, .deepSubordinate: return scope != .own
        case .sameRolePeer, .peerRole, .peerRoleSubordinate, .superior, .unrelatedBranch, .unknownOwner:
            return scope == .all
        }
    }
}

enum Oracle {
    static func parent(of role: RoleID) -> RoleID? {
        OrgChart.roleRows.first { $0.id == role }?.parent
    }

    static func isInTree(_ role: RoleID) -> Bool {
        rolesInTree.contains(role)
    }

    private static let rolesInTree = Set(OrgChart.roleRows.map(\.id))

    /// Levels from `role` up to `ancestor`, or nil when `ancestor` is not above `role`.
    static func distance(from role: RoleID, upTo ancestor: RoleID) -> Int? {
        var steps = 0
        var current = parent(of: role)
        while let id = current {
            steps += 1
            if id == ancestor { return steps }
            current = parent(of: id)
        }
        return nil
    }

    static func relation(of owner: UserID?, to actor: Actor) -> Relation {
        guard let owner else { return .unowned }
        if owner == actor.userID { return .own }
        guard let ownerRole = OrgChart.userRoles[owner] else { return .unknownOwner }
        if ownerRole == actor.roleID { return .sameRolePeer }
        if isInTree(actor.roleID), let steps = distance(from: ownerRole, upTo: actor.roleID) {
            return steps == 1 ? .subordinate : .deepSubordinate
        }
        if distance(from: actor.roleID, upTo: ownerRole) != nil { return .superior }
        if isInTree(actor.roleID), isInTree(ownerRole) {
            let siblings = OrgChart.roleRows.filter { $0.parent == parent(of: actor.roleID) && $0.id != actor.roleID }
            if siblings.contains(where: { $0.id == ownerRole }) { return .peerRole }
            if siblings.contains(where: { distance(from: ownerRole, upTo: $0.id) != nil }) { return .peerRoleSubordinate }
        }
        return .unrelatedBranch
    }

    static func isAdmin(_ actor: Actor) -> Bool {
        actor.roleID == OrgChart.adminRole
    }

    /// A role missing from the tree keeps only its own records.
    static func effectiveScope(_ scope: Scope?, for actor: Actor) -> Scope? {
        guard let scope else { return nil }
        return isInTree(actor.roleID) ? scope : .own
    }

    private struct Pair: Hashable {
        let user: UserID
        let role: RoleID
        let owner: UserID?
    }

    /// `relation(of:to:)` for every fixture actor and owner, worked out once: the matrix
    /// tests ask it hundreds of thousands of times.
    private static let relations: [Pair: Relation] = {
        var table: [Pair: Relation] = [:]
        for actor in OrgChart.actors {
            for owner in OrgChart.owners {
                table[Pair(user: actor.userID, role: actor.roleID, owner: owner)] = relation(of: owner, to: actor)
            }
        }
        return table
    }()

    static func sees(_ owner: UserID?, actor: Actor, scope: Scope?) -> Bool {
        if isAdmin(actor) { return true }
        let relation = relations[Pair(user: actor.userID, role: actor.roleID, owner: owner)] ?? relation(of: owner, to: actor)
        return relation.isVisible(with: effectiveScope(scope, for: actor))
    }

    /// The decision the design asks for on one record of the member resource.
    static func decision(action: String, actor: Actor, owner: UserID?, viewScope: Scope?, actionScope: Scope?) -> Decision {
        if isAdmin(actor) { return .allowed }
        guard sees(owner, actor: actor, scope: viewScope) else { return .notFound }
        if action == "view" { return .allowed }
        return sees(owner, actor: actor, scope: actionScope) ? .allowed : .forbidden
    }
}
