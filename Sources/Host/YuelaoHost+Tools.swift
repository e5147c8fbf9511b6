import Foundation
import Kernel
import PluginAPI

extension YuelaoHost {
    /// A module request as `login` would send it, built without HTTP — for command-line tools and benchmarks.
    public func request(as login: String, module moduleID: String, path: String = "/", query: String = "") async throws -> ModuleRequest {
        let db = database.sql
        guard let userID = try await db.select().column("id").from("core_user").where("login", .equal, login)
            .first(decodingColumn: "id", as: Int64.self) else { throw DatabaseError("no staff account '\(login)'") }
        let versions = try await Versions.read(db)
        let snapshot = try await kernel.snapshot(version: versions["kernel"] ?? 0, db: db)
        guard let roleID = snapshot.userRoleID(userID) else { throw DatabaseError("staff account '\(login)' has no role") }
        let actor = Actor(userID: userID, roleID: roleID, isSystemAdmin: snapshot.isSystemAdmin(Actor(userID: userID, roleID: roleID)))
        let user = CurrentUser(id: userID, login: login, name: login, roleID: roleID, roleName: snapshot.roles.node(roleID)?.name ?? "",
                               isSystemAdmin: actor.isSystemAdmin)
        return ModuleRequest(method: .get, path: path, parameters: [:], query: FormData.parse(urlEncoded: Substring(query)), form: FormData(),
                             body: [], user: user, language: .zhCN, csrfToken: "", moduleID: moduleID, settings: config.settings(of: moduleID),
                             access: AccessControl(snapshot: snapshot, actor: actor, moduleID: moduleID), host: runtime)
    }
}
