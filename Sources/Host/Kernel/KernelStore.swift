import Kernel
import PluginAPI
import SQLKit
import Synchronization

/// Builds the kernel snapshot from the database and rebuilds it when `core_version.kernel` moves,
/// so grant changes apply on the next request in every host process.
final class KernelStore: Sendable {
    private struct Cached: Sendable {
        var version: Int64
        var snapshot: KernelSnapshot
        var staff: [StaffSummary]
    }

    private let cache = Mutex<Cached?>(nil)
    let registry: PermissionRegistry

    init(registry: PermissionRegistry) {
        self.registry = registry
    }

    /// The snapshot for `version` (read by the caller from `core_version`).
    func snapshot(version: Int64, db: any SQLDatabase) async throws -> KernelSnapshot {
        try await cached(version: version, db: db).snapshot
    }

    /// The active staff members as of `version` (staff changes bump the kernel counter).
    func activeStaff(version: Int64, db: any SQLDatabase) async throws -> [StaffSummary] {
        try await cached(version: version, db: db).staff
    }

    private func cached(version: Int64, db: any SQLDatabase) async throws -> Cached {
        if let cached = cache.withLock({ $0 }), cached.version == version { return cached }
        let (snapshot, staff) = try await load(db)
        let fresh = Cached(version: version, snapshot: snapshot, staff: staff)
        cache.withLock { current in
            if current == nil || current!.version <= version { current = fresh }
        }
        return fresh
    }

    private func load(_ db: any SQLDatabase) async throws -> (KernelSnapshot, [StaffSummary]) {
        struct RoleRow: Decodable { let id: Int64; let parent_id: Int64?; let sort_order: Int; let name: String; let is_system: Int }
        struct GrantRow: Decodable { let role_id: Int64; let permission: String; let scope: String }
        struct UserRow: Decodable { let id: Int64; let role_id: Int64; let login: String; let real_name: String; let status: String }
        let roles = try await db.select().columns("id", "parent_id", "sort_order", "name", "is_system").from("core_role").all(decoding: RoleRow.self)
        let grants = try await db.select().columns("role_id", "permission", "scope").from("core_grant").all(decoding: GrantRow.self)
        let users = try await db.select().columns("id", "role_id", "login", "real_name", "status").from("core_user").orderBy("id").all(decoding: UserRow.self)
        let staff = users.filter { $0.status == "active" }
            .map { StaffSummary(id: $0.id, login: $0.login, name: $0.real_name.isEmpty ? $0.login : $0.real_name, roleID: $0.role_id) }
        let adminRole = roles.first { $0.is_system == 1 }?.id ?? -1
        return (KernelSnapshot(
            roles: RoleTree(roles.map { RoleNode(id: $0.id, parentID: $0.parent_id, sortOrder: $0.sort_order, name: $0.name) }),
            grants: grants.compactMap { row in
                guard let key = PermissionKey(row.permission), let scope = Scope(rawValue: row.scope) else { return nil }
                return Grant(roleID: row.role_id, permission: key, scope: scope)
            },
            userRoles: Dictionary(users.map { ($0.id, $0.role_id) }, uniquingKeysWith: { a, _ in a }),
            knownPermissions: registry.known,
            systemAdminRoleID: adminRole
        ), staff)
    }
}

/// Version counters that invalidate caches across processes.
enum Versions {
    /// Reads every counter in one query.
    static func read(_ db: any SQLDatabase) async throws -> [String: Int64] {
        struct Row: Decodable { let key: String; let version: Int64 }
        let rows = try await db.select().columns("key", "version").from("core_version").all(decoding: Row.self)
        return Dictionary(rows.map { ($0.key, $0.version) }, uniquingKeysWith: { a, _ in a })
    }

    /// Bumps `key`, inside the caller's transaction.
    static func bump(_ key: String, _ db: any SQLDatabase) async throws {
        try await db.update("core_version").set(SQLIdentifier("version"), to: SQLRaw("version + 1")).where("key", .equal, key).run()
    }
}
