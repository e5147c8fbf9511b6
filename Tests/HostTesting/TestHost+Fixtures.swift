import Foundation
import Host
import HummingbirdBcrypt
import PluginAPI
import SQLKit

extension TestHost {
    /// The built-in administrator role.
    public func systemRoleID() async throws -> Int64 {
        try await db.select().column("id").from("core_role").where("is_system", .equal, 1).first(decodingColumn: "id", as: Int64.self) ?? 0
    }

    /// Adds a role under `parent` (the system role when nil).
    @discardableResult
    public func role(_ name: String, parent: Int64? = nil) async throws -> Int64 {
        var parentID: Int64 = parent ?? 0
        if parent == nil { parentID = try await systemRoleID() }
        let id = try await db.insert(into: "core_role").columns("parent_id", "name", "description", "sort_order", "is_system", "created_at")
            .values(SQLBind(parentID), SQLBind(name), SQLBind(""), SQLBind(0), SQLBind(0), SQLBind(0))
            .returning("id").first(decodingColumn: "id", as: Int64.self) ?? 0
        try await bumpKernel()
        return id
    }

    /// Grants `permission` ("module.resource.action") to `role` with `scope`.
    public func grant(_ role: Int64, _ permissions: [String], scope: String = "subtree") async throws {
        for permission in permissions {
            try await db.insert(into: "core_grant").columns("role_id", "permission", "scope")
                .values(SQLBind(role), SQLBind(permission), SQLBind(scope)).run()
        }
        try await bumpKernel()
    }

    /// Sets staff member `login`'s security password (bcrypt, cost 4 for speed).
    public func setSecurityPassword(_ login: String, _ password: String) async throws {
        try await db.update("core_user").set("security_password_hash", to: Bcrypt.hash(password, cost: 4)).where("login", .equal, login).run()
    }

    /// Adds a staff account with `password` (bcrypt, cost 4 to keep tests quick — the host itself always hashes at 10).
    @discardableResult
    public func staff(_ login: String, role: Int64, password: String = "secret1", status: String = "active") async throws -> Int64 {
        let hash = Bcrypt.hash(password, cost: 4)
        let id = try await db.insert(into: "core_user").columns("login", "password_hash", "real_name", "role_id", "status", "created_at")
            .values(SQLBind(login), SQLBind(hash), SQLBind(login.uppercased()), SQLBind(role), SQLBind(status), SQLBind(0))
            .returning("id").first(decodingColumn: "id", as: Int64.self) ?? 0
        try await bumpKernel()
        return id
    }

    /// An administrator account.
    @discardableResult
    public func admin(_ login: String = "admin", password: String = "secret1") async throws -> Int64 {
        try await staff(login, role: systemRoleID(), password: password)
    }

    public func bumpKernel() async throws {
        try await db.update("core_version").set(SQLIdentifier("version"), to: SQLRaw("version + 1")).where("key", .equal, "kernel").run()
    }

    /// Rows of the audit log with `action`, newest first.
    public func auditRows(action: String) async throws -> [AuditRow] {
        try await db.select().columns("actor_login", "module", "action", "target", "before_state", "after_state").from("core_audit")
            .where("action", .equal, action).orderBy("id", .descending).all(decoding: AuditRow.self)
    }

    public struct AuditRow: Decodable, Sendable {
        public let actor_login: String; public let module: String; public let action: String; public let target: String
        public let before_state: String?; public let after_state: String?
    }
}

extension TestHost {
    /// Adds `permissions` with `scope` to the role of staff member `login`.
    public func grant(roleOf login: String, _ permissions: [String], scope: String = "subtree") async throws {
        let role = try await db.select().column("role_id").from("core_user").where("login", .equal, login)
            .first(decodingColumn: "role_id", as: Int64.self)
        guard let role else { throw BrowserError("no staff member \(login)") }
        try await grant(role, permissions, scope: scope)
    }
}
