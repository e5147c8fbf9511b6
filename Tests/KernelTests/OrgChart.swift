@testable import Kernel

/// A matchmaking agency five levels deep with peers at every level, plus an unrelated
/// branch, users whose role is missing from the tree, and owners nobody knows.
///
/// ```
/// 1 系统管理员 (admin)
/// └─ 2 总经理
///    ├─ 10 部门经理A ─ 20 组长A1 ─ 30, 31 红娘 ; 21 组长A2 ─ 32, 33 红娘
///    └─ 11 部门经理B ─ 22 组长B1 ─ 34, 35 红娘 ; 23 组长B2 ─ 36, 37 红娘
/// 40 财务 ─ 41 出纳
/// (999: a role id some users hold that is not in the tree)
/// ```
/// Every role has two users, `role * 10 + 1` and `role * 10 + 2`.
enum OrgChart {
    static let adminRole: RoleID = 1
    static let orphanRole: RoleID = 999
    /// An owner id that appears on records but belongs to no known user.
    static let ghostOwner: UserID = 77_777

    /// (id, parent, sortOrder, name); a plain, valid tree.
    static let roleRows: [(id: RoleID, parent: RoleID?, sort: Int, name: String)] = [
        (1, nil, 0, "系统管理员"),
        (2, 1, 0, "总经理"),
        (10, 2, 1, "部门经理A"), (11, 2, 2, "部门经理B"),
        (20, 10, 1, "组长A1"), (21, 10, 2, "组长A2"),
        (22, 11, 1, "组长B1"), (23, 11, 2, "组长B2"),
        (30, 20, 1, "红娘A1a"), (31, 20, 2, "红娘A1b"),
        (32, 21, 1, "红娘A2a"), (33, 21, 2, "红娘A2b"),
        (34, 22, 1, "红娘B1a"), (35, 22, 2, "红娘B1b"),
        (36, 23, 1, "红娘B2a"), (37, 23, 2, "红娘B2b"),
        (40, nil, 1, "财务"), (41, 40, 0, "出纳"),
    ]

    static let tree = RoleTree(roleRows.map { RoleNode(id: $0.id, parentID: $0.parent, sortOrder: $0.sort, name: $0.name) })

    /// Every user's role, orphans included.
    static let userRoles: [UserID: RoleID] = {
        var result: [UserID: RoleID] = [:]
        for role in roleRows.map(\.id) + [orphanRole] {
            result[role * 10 + 1] = role
            result[role * 10 + 2] = role
        }
        return result
    }()

    /// Every user as a logged-in actor, sorted by id.
    static let actors: [Actor] = userRoles.keys.sorted().map { user in
        let role = userRoles[user]!
        return Actor(userID: user, roleID: role, isSystemAdmin: role == adminRole)
    }

    /// Every record owner worth trying: each user, an unknown owner, and unowned.
    static let owners: [UserID?] = userRoles.keys.sorted().map { Optional($0) } + [ghostOwner, nil]

    // MARK: Permissions

    static let standardActions = ["view", "add", "edit", "delete", "audit", "allocate"]
    static let member = PermissionKey(module: "members", resource: "member", action: "view")
    static let memberActions: [PermissionKey] = standardActions.map { member.with(action: $0) }
    /// Permissions of a module that is installed but disabled.
    static let disabledView = PermissionKey(module: "contracts", resource: "contract", action: "view")
    static let disabledEdit = disabledView.with(action: "edit")
    static let known = Set(memberActions)

    /// A snapshot in which every role (the admin role included) holds the same grants.
    static func snapshot(everyRoleHolds grants: [PermissionKey: Scope]) -> KernelSnapshot {
        let rows = (roleRows.map(\.id) + [orphanRole]).flatMap { role in
            grants.map { Grant(roleID: role, permission: $0.key, scope: $0.value) }
        }
        return snapshot(grants: rows)
    }

    static func snapshot(grants: [Grant]) -> KernelSnapshot {
        KernelSnapshot(roles: tree, grants: grants, userRoles: userRoles, knownPermissions: known, systemAdminRoleID: adminRole)
    }
}
