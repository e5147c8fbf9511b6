extension KernelSnapshot {
    /// The decision for acting on one record owned by `recordOwner` (`nil` = unowned).
    ///
    /// In order:
    /// 1. an unknown action (disabled module) is `.notFound`, even for the administrator;
    /// 2. the administrator is `.allowed`;
    /// 3. the record must be visible, i.e. the resource's `view` visibility includes
    ///    the owner, or it is `.notFound` (the actor may not learn it exists);
    /// 4. the action must be granted with a scope that includes the owner, or it is `.forbidden`.
    public func decide(_ action: PermissionKey, for actor: Actor, recordOwner: UserID?) -> Decision {
        guard knownPermissions.contains(action) else { return .notFound }
        if isSystemAdmin(actor) { return .allowed }
        let view = action.with(action: "view")
        guard reaches(actor, with: view, owner: recordOwner) else { return .notFound }
        if action == view { return .allowed }
        guard reaches(actor, with: action, owner: recordOwner) else { return .forbidden }
        return .allowed
    }

    /// The decision for an action not tied to one record (adding, a list page, an export):
    /// `.allowed` when granted at any scope, else `.forbidden`; an unknown action is `.notFound`.
    public func decide(_ action: PermissionKey, for actor: Actor) -> Decision {
        guard knownPermissions.contains(action) else { return .notFound }
        return isGranted(action, to: actor) ? .allowed : .forbidden
    }
}
