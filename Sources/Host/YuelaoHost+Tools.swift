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
                             access: AccessControl(snapshot: snapshot, actor: actor, moduleID: moduleID), host: runtime,
                             site: try await siteService.settings(version: versions["site"] ?? 0))
    }
}

extension YuelaoHost {
    /// Runs the handler of the page route matching `method` and `path` (e.g. `/m/presale/42`) as `login` would, without
    /// HTTP — the kernel check included (not the CSRF check). For benchmarks of whole pages and form posts in-process.
    public func page(as login: String, path: String, query: String = "", method: RouteMethod = .get, form: FormData = FormData()) async throws
        -> ModuleResponse {
        let segments = path.split(separator: "/").map(String.init)
        guard segments.count >= 2, segments[0] == "m" else { throw ModuleError.notFound }
        for (module, spec) in routes where module.id == segments[1] && spec.method == method && spec.mount == .page {
            let pattern = spec.path.split(separator: "/").map(String.init)
            let rest = Array(segments.dropFirst(2))
            guard pattern.count == rest.count else { continue }
            var parameters: [String: String] = [:]
            let matches = zip(pattern, rest).allSatisfy { p, s in
                if p.hasPrefix(":") { parameters[String(p.dropFirst())] = s; return true }
                return p == s
            }
            guard matches else { continue }
            var req = try await request(as: login, module: module.id, path: path, query: query)
            req.parameters = parameters
            req.method = method
            req.form = form
            if case .requires(let resource, let action) = spec.access { try req.access.require(resource, action) }
            return try await spec.handler(req)
        }
        throw ModuleError.notFound
    }

    /// Renders every dashboard widget `login` may see, uncached, in module order; returns the number rendered.
    public func renderWidgets(as login: String) async throws -> Int {
        var rendered = 0
        for module in modules {
            for widget in module.widgets {
                let req = try await request(as: login, module: module.id, path: "/")
                guard req.access.isGranted(widget.resource, widget.action) else { continue }
                _ = try await widget.render(req)
                rendered += 1
            }
        }
        return rendered
    }
}
