import Kernel
import PluginAPI
import SQLKit

/// The role permission grid (manual 1.2.1): a row per module resource, a column per action, a scope per row.
struct GrantPages: Sendable {
    let deps: CoreModule.Deps

    func register(_ routes: inout RouteCollector) throws {
        try routes.get("/roles/:id/permissions", .requires("role", "grant"), grid)
        try routes.post("/roles/:id/permissions", .requires("role", "grant"), save)
    }

    /// The scope the acting user may hand out for `key` (nil: not at all). The administrator may give anything.
    func grantable(_ key: PermissionKey, req: ModuleRequest) -> Scope? {
        guard let user = req.user, let actor = req.access.actor else { return nil }
        if user.isSystemAdmin { return .all }
        return req.access.snapshot.scope(of: actor, for: key)
    }

    @Sendable func grid(_ req: ModuleRequest) async throws -> ModuleResponse {
        let role = try await RolePages(deps: deps).loadManageable(req)
        let current = req.access.snapshot.grants(of: role.id)
        var html = "<form method=\"post\" action=\"\(req.base)/roles/\(role.id)/permissions\" class=\"perm-form\">"
        html += "<input type=\"hidden\" name=\"_csrf\" value=\"\(escapeAttr(req.csrfToken))\">"
        for group in deps.registry.groups {
            let columns = deps.registry.columns(of: group)
            html += "<h2>\(escapeHTML(group.name(req.language.rawValue)))</h2><table class=\"perm-grid\"><thead><tr><th>\(escapeHTML(req.t("core.grant.resource")))</th><th>\(escapeHTML(req.t("core.grant.scope")))</th>"
            html += columns.map { "<th>\(escapeHTML($0.label(req.language.rawValue)))</th>" }.joined()
            html += "</tr></thead><tbody>"
            for resource in group.resources {
                let keys = resource.keys(module: group.moduleID)
                let rowScope = keys.compactMap { current[$0] }.max() ?? .subtree
                html += "<tr><th scope=\"row\">\(escapeHTML(resource.label(req.language.rawValue)))</th><td>"
                if resource.owned {
                    html += "<select name=\"scope:\(group.moduleID).\(resource.resource)\" aria-label=\"\(escapeAttr(req.t("core.grant.scope")))\">"
                    for scope in Scope.allCases {
                        html += "<option value=\"\(scope.rawValue)\"\(scope == rowScope ? " selected" : "")>\(escapeHTML(req.t("core.scope.\(scope.rawValue)")))</option>"
                    }
                    html += "</select>"
                } else {
                    html += "<span class=\"muted\">—</span>"
                }
                html += "</td>"
                for column in columns {
                    guard resource.actions.contains(where: { $0.id == column.id }) else { html += "<td></td>"; continue }
                    let key = PermissionKey(module: group.moduleID, resource: resource.resource, action: column.id)
                    let allowed = grantable(key, req: req) != nil
                    html += "<td><input type=\"checkbox\" name=\"perm\" value=\"\(key)\" aria-label=\"\(escapeAttr(resource.label(req.language.rawValue) + " " + column.label(req.language.rawValue)))\"\(current[key] != nil ? " checked" : "")\(allowed ? "" : " disabled")></td>"
                }
                html += "</tr>"
            }
            html += "</tbody></table>"
        }
        html += "<p class=\"form-actions\"><button class=\"btn primary\" type=\"submit\">\(escapeHTML(req.t("core.action.save")))</button> <a class=\"btn\" href=\"\(req.base)/roles\">\(escapeHTML(req.uiStrings.cancel))</a></p></form>"
        return .page(title: "\(req.t("core.role.permissions")) · \(role.name)", body: HTML(raw: html))
    }

    @Sendable func save(_ req: ModuleRequest) async throws -> ModuleResponse {
        let role = try await RolePages(deps: deps).loadManageable(req)
        let before = req.access.snapshot.grants(of: role.id)
        var after: [PermissionKey: Scope] = [:]
        for raw in req.form.all("perm") {
            guard let key = PermissionKey(raw), deps.registry.known.contains(key), let limit = grantable(key, req: req) else { continue }
            let ownedRow = deps.registry.groups.first { $0.moduleID == key.module }?.resources.first { $0.resource == key.resource }?.owned ?? false
            let requested = Scope(rawValue: req.form["scope:\(key.module).\(key.resource)"]) ?? .subtree
            after[key] = ownedRow ? min(requested, limit) : .all
        }
        // Grants the user could not change (not grantable by them) are kept as they were.
        for (key, scope) in before where grantable(key, req: req) == nil { after[key] = scope }
        let removed = before.keys.filter { after[$0] == nil }
        let changed = after.filter { before[$0.key] != $0.value }
        guard !removed.isEmpty || !changed.isEmpty else {
            return .redirect("\(req.base)/roles/\(role.id)/permissions", flash: .info(req.t("core.grant.unchanged")))
        }
        @Sendable func describe(_ grants: [PermissionKey: Scope]) -> String {
            JSONText.encode(Dictionary(uniqueKeysWithValues: grants.map { ($0.key.description, $0.value.rawValue) }))
        }
        try await req.transaction { tx in
            for key in removed {
                try await tx.db.delete(from: "core_grant").where("role_id", .equal, role.id).where("permission", .equal, key.description).run()
            }
            for (key, scope) in changed {
                try await tx.db.insert(into: "core_grant").columns("role_id", "permission", "scope")
                    .values(SQLBind(role.id), SQLBind(key.description), SQLBind(scope.rawValue))
                    .onConflict(with: ["role_id", "permission"]) { $0.set(excludedValueOf: "scope") }
                    .run()
            }
            try await Versions.bump("kernel", tx.db)
            try await tx.audit(AuditEntry(module: "core", action: "grant.change", target: "role:\(role.id)",
                                          before: describe(before.filter { removed.contains($0.key) || changed[$0.key] != nil }),
                                          after: describe(changed)))
        }
        return .redirect("\(req.base)/roles/\(role.id)/permissions", flash: .success(req.t("core.grant.saved")))
    }
}
