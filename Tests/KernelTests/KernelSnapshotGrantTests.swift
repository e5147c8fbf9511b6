import Testing
@testable import Kernel

@Suite("Kernel grants, administrator and disabled modules")
struct KernelSnapshotGrantTests {
    let view = OrgChart.member
    let edit = OrgChart.member.with(action: "edit")

    // MARK: System administrator

    @Test("the administrator may do every known action on every record without grant rows",
          arguments: OrgChart.memberActions)
    func adminAllowedEverything(permission: PermissionKey) {
        let snapshot = OrgChart.snapshot(grants: [])
        let admin = Actor(userID: 11, roleID: OrgChart.adminRole, isSystemAdmin: true)
        #expect(snapshot.scope(of: admin, for: permission) == .all)
        #expect(snapshot.isGranted(permission, to: admin))
        #expect(snapshot.visibility(of: admin, for: permission) == .all)
        #expect(snapshot.decide(permission, for: admin) == .allowed)
        for owner in OrgChart.owners {
            #expect(snapshot.decide(permission, for: admin, recordOwner: owner) == .allowed)
        }
    }

    @Test("the administrator is recognised by role or by flag")
    func adminByRoleOrFlag() {
        let snapshot = OrgChart.snapshot(grants: [])
        #expect(snapshot.decide(edit, for: Actor(userID: 12, roleID: OrgChart.adminRole), recordOwner: 371) == .allowed)
        #expect(snapshot.decide(edit, for: Actor(userID: 301, roleID: 30, isSystemAdmin: true), recordOwner: 371) == .allowed)
        #expect(snapshot.isSystemAdmin(Actor(userID: 12, roleID: OrgChart.adminRole)))
        #expect(!snapshot.isSystemAdmin(Actor(userID: 21, roleID: 2)))
    }

    // MARK: Disabled modules

    @Test("a disabled module's permission is 404 and invisible although a grant row exists")
    func disabledModuleIsNotFound() {
        let snapshot = OrgChart.snapshot(everyRoleHolds: [OrgChart.disabledView: .all, OrgChart.disabledEdit: .all])
        for actor in [Actor(userID: 301, roleID: 30), Actor(userID: 11, roleID: OrgChart.adminRole, isSystemAdmin: true)] {
            #expect(snapshot.scope(of: actor, for: OrgChart.disabledView) == nil)
            #expect(!snapshot.isGranted(OrgChart.disabledEdit, to: actor))
            #expect(snapshot.visibility(of: actor, for: OrgChart.disabledView) == .none)
            #expect(snapshot.decide(OrgChart.disabledEdit, for: actor) == .notFound)
            #expect(snapshot.decide(OrgChart.disabledEdit, for: actor, recordOwner: actor.userID) == .notFound)
            #expect(snapshot.decide(OrgChart.disabledView, for: actor, recordOwner: nil) == .notFound)
        }
        #expect(snapshot.grants(of: 30).isEmpty)
    }

    // MARK: Grant table

    @Test("grants(of:) lists a role's known grants with their scopes")
    func grantsOfRole() {
        let snapshot = OrgChart.snapshot(grants: [
            Grant(roleID: 20, permission: view, scope: .subtree),
            Grant(roleID: 20, permission: edit, scope: .own),
            Grant(roleID: 20, permission: OrgChart.disabledView, scope: .all),
            Grant(roleID: 21, permission: view, scope: .all),
        ])
        #expect(snapshot.grants(of: 20) == [view: .subtree, edit: .own])
        #expect(snapshot.grants(of: 37).isEmpty)
    }

    @Test("when a role holds a permission twice the wider scope counts")
    func duplicateGrantsTakeWidest() {
        let snapshot = OrgChart.snapshot(grants: [
            Grant(roleID: 20, permission: view, scope: .subtree),
            Grant(roleID: 20, permission: view, scope: .own),
        ])
        #expect(snapshot.scope(of: Actor(userID: 201, roleID: 20), for: view) == .subtree)
        #expect(snapshot.grants(of: 20) == [view: .subtree])
    }

    @Test("a grant defaults to subtree scope")
    func grantDefaultScope() {
        #expect(Grant(roleID: 1, permission: view).scope == .subtree)
    }

    @Test("a grant to a superior role does not reach its subordinates")
    func grantsAreNotInherited() {
        let snapshot = OrgChart.snapshot(grants: [Grant(roleID: 10, permission: view, scope: .all)])
        #expect(snapshot.scope(of: Actor(userID: 201, roleID: 20), for: view) == nil)
        #expect(snapshot.decide(view, for: Actor(userID: 201, roleID: 20), recordOwner: 201) == .notFound)
    }
}
