import Kernel

/// One action a module declares on a resource, with its labels.
public struct ActionSpec: Sendable, Equatable {
    /// Action id, e.g. `view` or `allocate`.
    public var id: String
    /// Column label in the role grid.
    public var label: LocalizedText

    /// Creates an action.
    public init(_ id: String, _ label: LocalizedText) {
        self.id = id
        self.label = label
    }

    /// The five standard actions every resource offers.
    public static let standard: [ActionSpec] = [
        ActionSpec("view", LocalizedText(zh: "查看", en: "View")),
        ActionSpec("add", LocalizedText(zh: "添加", en: "Add")),
        ActionSpec("edit", LocalizedText(zh: "编辑", en: "Edit")),
        ActionSpec("delete", LocalizedText(zh: "删除", en: "Delete")),
        ActionSpec("audit", LocalizedText(zh: "审核", en: "Audit")),
    ]
}

/// The permissions of one resource of a module: a row of the role grid.
public struct ResourcePermissions: Sendable, Equatable {
    /// Resource id, e.g. `member`.
    public var resource: String
    /// Row label.
    public var label: LocalizedText
    /// The actions of the row.
    public var actions: [ActionSpec]
    /// Whether records of this resource carry `owner_id` and are filtered by scope.
    public var owned: Bool

    /// Creates a resource row with explicit actions.
    public init(resource: String, label: LocalizedText, actions: [ActionSpec], owned: Bool = true) {
        self.resource = resource
        self.label = label
        self.actions = actions
        self.owned = owned
    }

    /// A resource with the five standard actions plus `extra`.
    public static func standard(_ resource: String, _ label: LocalizedText, extra: [ActionSpec] = [], owned: Bool = true) -> ResourcePermissions {
        ResourcePermissions(resource: resource, label: label, actions: ActionSpec.standard + extra, owned: owned)
    }

    /// The permission keys of this row for module `module`.
    public func keys(module: String) -> [PermissionKey] {
        actions.map { PermissionKey(module: module, resource: resource, action: $0.id) }
    }
}
