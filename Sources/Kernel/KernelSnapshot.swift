/// An immutable picture of roles, grants and users that answers permission questions.
///
/// The host builds a new snapshot whenever roles, grants, users or enabled modules
/// change, and asks it on every request. Work that does not depend on the actor is
/// done once here: the role tree's descendant sets, the grant table keyed by role,
/// and the users of each role.
///
/// ```swift
/// let snapshot = KernelSnapshot(roles: tree, grants: grants, userRoles: userRoles,
///                               knownPermissions: enabled, systemAdminRoleID: 1)
/// let edit = PermissionKey(module: "members", resource: "member", action: "edit")
/// switch snapshot.decide(edit, for: actor, recordOwner: member.ownerID) {
/// case .allowed: ...
/// case .forbidden: ... // 403
/// case .notFound: ...  // 404
/// }
/// ```
public struct KernelSnapshot: Sendable {
    /// The role hierarchy the snapshot was built with.
    public let roles: RoleTree
    /// The permissions of currently enabled modules; everything else is invisible.
    public let knownPermissions: Set<PermissionKey>
    /// The built-in administrator role; its users can do everything known.
    public let systemAdminRoleID: RoleID

    private let grantTable: [RoleID: [PermissionKey: Scope]]
    private let userRoles: [UserID: RoleID]
    private let usersByRole: [RoleID: [UserID]]

    /// Builds a snapshot.
    ///
    /// - Parameters:
    ///   - roles: The role tree.
    ///   - grants: The grant table. Grants naming a permission outside `knownPermissions`
    ///     are ignored (they stay in storage, invisible here); when one role holds the
    ///     same permission twice, the wider scope counts.
    ///   - userRoles: Every staff user's role, disabled users included (they still own records).
    ///   - knownPermissions: The permissions of currently enabled modules.
    ///   - systemAdminRoleID: The built-in administrator role; its users can do everything.
    public init(
        roles: RoleTree,
        grants: [Grant],
        userRoles: [UserID: RoleID],
        knownPermissions: Set<PermissionKey>,
        systemAdminRoleID: RoleID
    ) {
        var table: [RoleID: [PermissionKey: Scope]] = [:]
        for grant in grants where knownPermissions.contains(grant.permission) {
            let current = table[grant.roleID]?[grant.permission]
            table[grant.roleID, default: [:]][grant.permission] = max(current ?? grant.scope, grant.scope)
        }

        var users: [RoleID: [UserID]] = [:]
        for (user, role) in userRoles {
            users[role, default: []].append(user)
        }

        self.roles = roles
        self.knownPermissions = knownPermissions
        self.systemAdminRoleID = systemAdminRoleID
        self.grantTable = table
        self.userRoles = userRoles
        self.usersByRole = users
    }

    /// The role of `user`, nil for an unknown user.
    public func userRoleID(_ user: UserID) -> RoleID? { userRoles[user] }

    /// Whether the actor is the system administrator (flagged, or holding the administrator role).
    public func isSystemAdmin(_ actor: Actor) -> Bool {
        actor.isSystemAdmin || actor.roleID == systemAdminRoleID
    }

    /// The scope with which the actor holds a permission; `nil` when not granted.
    ///
    /// Unknown permissions (disabled modules) are never granted, not even to the
    /// administrator, who otherwise gets `.all`. An actor whose role is not in the
    /// tree is capped at `.own`.
    public func scope(of actor: Actor, for permission: PermissionKey) -> Scope? {
        guard knownPermissions.contains(permission) else { return nil }
        if isSystemAdmin(actor) { return .all }
        guard let scope = grantTable[actor.roleID]?[permission] else { return nil }
        return roles.contains(actor.roleID) ? scope : min(scope, .own)
    }

    /// Whether the actor holds the permission at any scope.
    public func isGranted(_ permission: PermissionKey, to actor: Actor) -> Bool {
        scope(of: actor, for: permission) != nil
    }

    /// Which owners' records the actor reaches with this permission.
    ///
    /// `.own` reaches the actor's own records; `.subtree` adds records owned by users
    /// whose role is a strict descendant of the actor's role (not peers in the same
    /// role, not a peer role's subordinates); `.all` reaches everything. Costs at most
    /// one pass over the users of the actor's subtree.
    public func visibility(of actor: Actor, for permission: PermissionKey) -> Visibility {
        switch scope(of: actor, for: permission) {
        case nil:
            return .none
        case .all:
            return .all
        case .own:
            return .owners([actor.userID])
        case .subtree:
            var owners: Set<UserID> = [actor.userID]
            for role in roles.strictDescendants(of: actor.roleID) {
                owners.formUnion(usersByRole[role] ?? [])
            }
            return .owners(owners)
        }
    }

    /// Whether the actor's scope for `permission` includes a record owned by `owner`.
    ///
    /// Same answer as `visibility(of:for:).includes(owner:)` in constant time, without
    /// building the owner set.
    func reaches(_ actor: Actor, with permission: PermissionKey, owner: UserID?) -> Bool {
        guard let scope = scope(of: actor, for: permission) else { return false }
        guard let owner, owner != actor.userID else { return true }
        switch scope {
        case .own:
            return false
        case .subtree:
            guard let ownerRole = userRoles[owner] else { return false }
            return roles.isStrictDescendant(ownerRole, of: actor.roleID)
        case .all:
            return true
        }
    }

    /// The known permissions a role holds, with their scopes, as stored in the grant table.
    ///
    /// Grants of unknown permissions are left out. The administrator role's implicit
    /// powers are not listed; only its stored rows are.
    public func grants(of role: RoleID) -> [PermissionKey: Scope] {
        grantTable[role] ?? [:]
    }
}
