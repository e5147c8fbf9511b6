import Kernel
import PluginAPI

/// The host's own pages (staff, roles, permissions, audit log, outbox, profile) as a module with the id `core`,
/// registered through the same contract as every other module.
struct CoreModule: Module {
    struct Deps: Sendable {
        let database: Database
        let sessions: SessionService
        let audit: AuditLog
        let registry: PermissionRegistry
        let uploads: UploadStore
        let modules: [any Module]
        let kernel: KernelStore
        let apiTokens: APITokenService
        let throttle: AttemptThrottle
    }

    let deps: Deps
    let manifest = ModuleManifest(id: "core", name: HostPermissions.name, version: "1.0.0")
    var permissions: [ResourcePermissions] { HostPermissions.resources }

    var menu: [MenuEntry] {
        let group = LocalizedText(zh: "系统管理", en: "Administration")
        let me = LocalizedText(zh: "个人", en: "Me")
        return [
            MenuEntry(LocalizedText(zh: "红娘管理", en: "Staff"), path: "/staff", requires: "staff", group: group),
            MenuEntry(LocalizedText(zh: "添加红娘", en: "Add staff"), path: "/staff/new", requires: "staff", "add", group: group),
            MenuEntry(LocalizedText(zh: "角色管理", en: "Roles"), path: "/roles", requires: "role", group: group),
            MenuEntry(LocalizedText(zh: "审计日志", en: "Audit log"), path: "/audit", requires: "audit", group: group),
            MenuEntry(LocalizedText(zh: "通知发件箱", en: "Outbox"), path: "/outbox", requires: "outbox", group: group),
            MenuEntry(LocalizedText(zh: "个人资料", en: "My profile"), path: "/profile", requires: "staff", group: me),
        ]
    }

    var widgets: [DashboardWidget] {
        [
            DashboardWidget(id: "staff", title: LocalizedText(zh: "团队", en: "Team"), requires: "staff", maxAge: .seconds(30)) { req in
                try await StaffPages(deps: deps).widget(req)
            },
            DashboardWidget(id: "audit", title: LocalizedText(zh: "最近操作", en: "Recent activity"), requires: "audit", maxAge: .seconds(10)) { req in
                try await AuditPages(deps: deps).widget(req)
            },
        ]
    }

    func routes(_ routes: inout RouteCollector) throws {
        try StaffPages(deps: deps).register(&routes)
        try RolePages(deps: deps).register(&routes)
        try GrantPages(deps: deps).register(&routes)
        try AuditPages(deps: deps).register(&routes)
        try OutboxPages(deps: deps).register(&routes)
        try ProfilePages(deps: deps).register(&routes)
    }
}
