import Kernel
import PluginAPI

/// The permissions of the host and the enabled modules, in grid order.
struct PermissionRegistry: Sendable {
    struct Group: Sendable {
        let moduleID: String
        let name: LocalizedText
        let resources: [ResourcePermissions]
    }

    let groups: [Group]
    let known: Set<PermissionKey>

    init(modules: [any Module]) {
        var groups = [Group(moduleID: HostPermissions.moduleID, name: HostPermissions.name, resources: HostPermissions.resources)]
        groups += modules.filter { !$0.permissions.isEmpty }.map { Group(moduleID: $0.id, name: $0.manifest.name, resources: $0.permissions) }
        self.groups = groups
        self.known = Set(groups.flatMap { group in group.resources.flatMap { $0.keys(module: group.moduleID) } })
    }

    /// The union of action columns, standard ones first, for the grid header of one group.
    func columns(of group: Group) -> [ActionSpec] {
        var seen = Set<String>()
        var columns: [ActionSpec] = []
        for action in ActionSpec.standard + group.resources.flatMap(\.actions) where seen.insert(action.id).inserted {
            columns.append(action)
        }
        return columns.filter { action in group.resources.contains { $0.actions.contains { $0.id == action.id } } }
    }
}
