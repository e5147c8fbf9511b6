import PluginAPI

/// The permissions of the host itself, shown in the role grid under "系统" like a module's.
enum HostPermissions {
    static let moduleID = "core"
    static let name = LocalizedText(zh: "系统", en: "System")
    static let resources: [ResourcePermissions] = [
        .standard("staff", LocalizedText(zh: "红娘管理", en: "Staff"),
                  extra: [ActionSpec("resetPassword", LocalizedText(zh: "重置密码", en: "Reset password"))]),
        ResourcePermissions(resource: "role", label: LocalizedText(zh: "角色管理", en: "Roles"),
                            actions: [ActionSpec("view", LocalizedText(zh: "查看", en: "View")),
                                      ActionSpec("add", LocalizedText(zh: "添加", en: "Add")),
                                      ActionSpec("edit", LocalizedText(zh: "编辑", en: "Edit")),
                                      ActionSpec("delete", LocalizedText(zh: "删除", en: "Delete")),
                                      ActionSpec("grant", LocalizedText(zh: "设置权限", en: "Set permissions"))],
                            owned: false),
        ResourcePermissions(resource: "audit", label: LocalizedText(zh: "审计日志", en: "Audit log"),
                            actions: [ActionSpec("view", LocalizedText(zh: "查看", en: "View"))], owned: false),
        ResourcePermissions(resource: "outbox", label: LocalizedText(zh: "通知发件箱", en: "Outbox"),
                            actions: [ActionSpec("view", LocalizedText(zh: "查看", en: "View")),
                                      ActionSpec("retry", LocalizedText(zh: "重新发送", en: "Retry"))],
                            owned: false),
    ]
}
