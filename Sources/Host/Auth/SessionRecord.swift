import PluginAPI
import SQLKit

/// A live session joined with its user and role, as loaded on each request.
struct SessionRecord: Sendable, Decodable {
    let id: String
    let user_id: Int64
    let csrf: String
    let created_at: Int64
    let last_seen_at: Int64
    let flash: String?
    let login: String
    let real_name: String
    let role_id: Int64
    let language: String
    let status: String
    let role_name: String
    let is_system: Int
    /// 1 after a password reset: every page but the password change redirects there until it is changed.
    let must_change_password: Int
    /// `core_version` counters read with the session, so a logged-in request needs no separate query.
    let kernel_version: Int64
    let site_version: Int64

    /// The two counter columns, as subqueries added to a session or token lookup.
    static func versionColumns(_ select: SQLSelectBuilder) -> SQLSelectBuilder {
        select.column(SQLSubquery.select { $0.column("version").from("core_version").where("key", .equal, "kernel") }, as: "kernel_version")
            .column(SQLSubquery.select { $0.column("version").from("core_version").where("key", .equal, "site") }, as: "site_version")
    }

    var user: CurrentUser {
        CurrentUser(id: user_id, login: login, name: real_name.isEmpty ? login : real_name, roleID: role_id,
                    roleName: role_name, isSystemAdmin: is_system == 1)
    }
}
