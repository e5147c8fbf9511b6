import Testing
@testable import Kernel

@Suite("Kernel decisions on records and actions")
struct KernelSnapshotDecideTests {
    static let levels: [Scope?] = [nil] + Scope.allCases.map { Optional($0) }
    let view = OrgChart.member
    let edit = OrgChart.member.with(action: "edit")
    let add = OrgChart.member.with(action: "add")

    // MARK: Exhaustive matrix

    @Test("every actor, owner and action gets the decision the design asks for",
          arguments: OrgChart.standardActions, KernelSnapshotDecideTests.levels)
    func everyDecision(action: String, viewScope: Scope?) {
        let permission = view.with(action: action)
        let actionLevels = action == "view" ? [viewScope] : Self.levels
        var mismatches: [String] = []
        for actionScope in actionLevels {
            var grants: [PermissionKey: Scope] = [:]
            grants[view] = viewScope
            if action != "view" { grants[permission] = actionScope }
            let snapshot = OrgChart.snapshot(everyRoleHolds: grants)
            for actor in OrgChart.actors {
                let actionVisibility = snapshot.visibility(of: actor, for: permission)
                for owner in OrgChart.owners {
                    let expected = Oracle.decision(action: action, actor: actor, owner: owner, viewScope: viewScope, actionScope: actionScope)
                    let decided = snapshot.decide(permission, for: actor, recordOwner: owner)
                    let reaches = Oracle.sees(owner, actor: actor, scope: actionScope)
                    if decided != expected || actionVisibility.includes(owner: owner) != reaches {
                        mismatches.append("\(permission) \(actionScope.map(\.rawValue) ?? "-") actor \(actor.userID) owner \(owner.map(String.init) ?? "nil") (\(Oracle.relation(of: owner, to: actor))): expected \(expected), got \(decided)")
                    }
                }
            }
        }
        #expect(mismatches.isEmpty, "\(mismatches.count) mismatches, first: \(mismatches.prefix(8))")
    }

    @Test("grants held by other roles never leak into an actor's decisions")
    func mixedGrantTable() {
        // A deterministic but irregular grant table: each role holds a different mix.
        var table: [RoleID: [String: Scope]] = [:]
        var rows: [Grant] = []
        for (roleIndex, row) in OrgChart.roleRows.enumerated() {
            for (actionIndex, action) in OrgChart.standardActions.enumerated() {
                guard let scope = Self.levels[(roleIndex * 7 + actionIndex * 3) % Self.levels.count] else { continue }
                table[row.id, default: [:]][action] = scope
                rows.append(Grant(roleID: row.id, permission: view.with(action: action), scope: scope))
            }
        }
        let snapshot = OrgChart.snapshot(grants: rows)
        var mismatches: [String] = []
        for actor in OrgChart.actors {
            let held = table[actor.roleID] ?? [:]
            for action in OrgChart.standardActions {
                let permission = view.with(action: action)
                let plain: Decision = Oracle.isAdmin(actor) || held[action] != nil ? .allowed : .forbidden
                if snapshot.decide(permission, for: actor) != plain {
                    mismatches.append("\(permission) actor \(actor.userID) without record: expected \(plain)")
                }
                for owner in OrgChart.owners {
                    let expected = Oracle.decision(action: action, actor: actor, owner: owner, viewScope: held["view"], actionScope: held[action])
                    if snapshot.decide(permission, for: actor, recordOwner: owner) != expected {
                        mismatches.append("\(permission) actor \(actor.userID) owner \(owner.map(String.init) ?? "nil"): expected \(expected)")
                    }
                }
            }
        }
        #expect(mismatches.isEmpty, "\(mismatches.count) mismatches, first: \(mismatches.prefix(8))")
    }

    // MARK: Named behaviours

    @Test("a peer cannot open another peer's member → 404")
    func peerRecordIsNotFound() {
        let snapshot = OrgChart.snapshot(everyRoleHolds: [view: .subtree, edit: .subtree])
        #expect(snapshot.decide(view, for: Actor(userID: 301, roleID: 30), recordOwner: 302) == .notFound)
        #expect(snapshot.decide(edit, for: Actor(userID: 301, roleID: 30), recordOwner: 302) == .notFound)
    }

    @Test("without a view grant a record is 404 even with the edit grant")
    func noViewIsNotFound() {
        let snapshot = OrgChart.snapshot(everyRoleHolds: [edit: .all])
        #expect(snapshot.decide(edit, for: Actor(userID: 301, roleID: 30), recordOwner: 301) == .notFound)
    }

    @Test("with view but no edit grant, editing an own record is 403")
    func viewWithoutEditIsForbidden() {
        let snapshot = OrgChart.snapshot(everyRoleHolds: [view: .subtree])
        #expect(snapshot.decide(view, for: Actor(userID: 301, roleID: 30), recordOwner: 301) == .allowed)
        #expect(snapshot.decide(edit, for: Actor(userID: 301, roleID: 30), recordOwner: 301) == .forbidden)
    }

    @Test("a manager who sees the department but edits only own records gets 403 on a subordinate's")
    func narrowerActionScopeIsForbidden() {
        let snapshot = OrgChart.snapshot(everyRoleHolds: [view: .subtree, edit: .own])
        let manager = Actor(userID: 101, roleID: 10)
        #expect(snapshot.decide(edit, for: manager, recordOwner: 101) == .allowed)
        #expect(snapshot.decide(edit, for: manager, recordOwner: 301) == .forbidden)
        #expect(snapshot.decide(edit, for: manager, recordOwner: 341) == .notFound)
    }

    @Test("adding needs the add grant: granted → allowed, not granted → 403")
    func addWithoutRecord() {
        let snapshot = OrgChart.snapshot(grants: [Grant(roleID: 30, permission: add, scope: .own)])
        #expect(snapshot.decide(add, for: Actor(userID: 301, roleID: 30)) == .allowed)
        #expect(snapshot.decide(add, for: Actor(userID: 311, roleID: 31)) == .forbidden)
        #expect(snapshot.decide(edit, for: Actor(userID: 301, roleID: 30)) == .forbidden)
    }

    @Test("an unowned record follows the grants alone")
    func unownedRecord() {
        let snapshot = OrgChart.snapshot(everyRoleHolds: [view: .own])
        let matchmaker = Actor(userID: 301, roleID: 30)
        #expect(snapshot.decide(view, for: matchmaker, recordOwner: nil) == .allowed)
        #expect(snapshot.decide(edit, for: matchmaker, recordOwner: nil) == .forbidden)
    }
}
