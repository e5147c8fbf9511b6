/// One row of the grant table: a role holds a permission with a scope.
public struct Grant: Sendable, Hashable {
    /// The role that holds the permission.
    public let roleID: RoleID
    /// The granted permission.
    public let permission: PermissionKey
    /// How far the grant reaches over owned records.
    public let scope: Scope

    /// Creates a grant; the scope defaults to `.subtree`.
    public init(roleID: RoleID, permission: PermissionKey, scope: Scope = .default) {
        self.roleID = roleID
        self.permission = permission
        self.scope = scope
    }
}
