import Testing
@testable import Kernel

@Suite("Kernel visibility of owned records")
struct KernelSnapshotVisibilityTests {
    let view = OrgChart.member

    // MARK: Exhaustive matrix

    @Test("every actor sees exactly the owners the relation table allows", arguments: Scope.allCases)
    func everyActorEveryOwner(scope: Scope) {
        let snapshot = OrgChart.snapshot(everyRoleHolds: [view: scope])
        var mismatches: [String] = []
        for actor in OrgChart.actors {
            let visibility = snapshot.visibility(of: actor, for: view)
            for owner in OrgChart.owners {
                let expected = Oracle.sees(owner, actor: actor, scope: scope)
                if visibility.includes(owner: owner) != expected {
                    let relation = Oracle.relation(of: owner, to: actor)
                    mismatches.append("actor \(actor.userID) owner \(owner.map(String.init) ?? "nil") (\(relation)): expected \(expected)")
                }
            }
        }
        #expect(mismatches.isEmpty, "\(mismatches.count) mismatches, first: \(mismatches.prefix(8))")
    }

    @Test("the fixture covers every relation class for a mid-level manager")
    func fixtureCoversEveryRelation() {
        let manager = Actor(userID: 101, roleID: 10)
        let relations = Set(OrgChart.owners.map { Oracle.relation(of: $0, to: manager) })
        #expect(relations == Set(Relation.allCases))
    }

    // MARK: Named behaviours

    @Test("a 红娘 with subtree scope sees own records but not a same-role peer's")
    func peersDoNotSeeEachOther() {
        let snapshot = OrgChart.snapshot(everyRoleHolds: [view: .subtree])
        let visibility = snapshot.visibility(of: Actor(userID: 301, roleID: 30), for: view)
        #expect(visibility == .owners([301]))
        #expect(!visibility.includes(owner: 302))
    }

    @Test("a 组长 with subtree scope sees the 红娘 directly below, not a peer group's")
    func groupLeaderSeesOwnGroup() {
        let snapshot = OrgChart.snapshot(everyRoleHolds: [view: .subtree])
        let visibility = snapshot.visibility(of: Actor(userID: 201, roleID: 20), for: view)
        #expect(visibility == .owners([201, 301, 302, 311, 312]))
    }

    @Test("a 部门经理 sees two levels down but not the other department")
    func managerSeesDepartment() {
        let snapshot = OrgChart.snapshot(everyRoleHolds: [view: .subtree])
        let visibility = snapshot.visibility(of: Actor(userID: 101, roleID: 10), for: view)
        #expect(visibility.includes(owner: 331))
        #expect(visibility.includes(owner: 211))
        #expect(!visibility.includes(owner: 111))
        #expect(!visibility.includes(owner: 341))
        #expect(!visibility.includes(owner: 21))
    }

    @Test("own scope sees only own and unowned records, even for the 总经理")
    func ownScope() {
        let snapshot = OrgChart.snapshot(everyRoleHolds: [view: .own])
        let visibility = snapshot.visibility(of: Actor(userID: 21, roleID: 2), for: view)
        #expect(visibility == .owners([21]))
        #expect(visibility.includes(owner: nil))
    }

    @Test("scope all sees the unrelated branch and unknown owners")
    func allScope() {
        let snapshot = OrgChart.snapshot(everyRoleHolds: [view: .all])
        let visibility = snapshot.visibility(of: Actor(userID: 401, roleID: 40), for: view)
        #expect(visibility == .all)
        #expect(visibility.includes(owner: 371))
        #expect(visibility.includes(owner: OrgChart.ghostOwner))
    }

    @Test("without a view grant nothing is visible, not even unowned records")
    func noGrantSeesNothing() {
        let snapshot = OrgChart.snapshot(grants: [])
        let visibility = snapshot.visibility(of: Actor(userID: 301, roleID: 30), for: view)
        #expect(visibility == .none)
        #expect(!visibility.includes(owner: 301))
        #expect(!visibility.includes(owner: nil))
    }

    @Test("a user whose role is not in the tree keeps only own records whatever the scope", arguments: Scope.allCases)
    func orphanRoleKeepsOwn(scope: Scope) {
        let snapshot = OrgChart.snapshot(everyRoleHolds: [view: scope])
        let orphan = Actor(userID: 9991, roleID: OrgChart.orphanRole)
        #expect(snapshot.scope(of: orphan, for: view) == .own)
        #expect(snapshot.visibility(of: orphan, for: view) == .owners([9991]))
    }

    @Test("disabled users still own records their superiors see")
    func disabledUsersStillOwn() {
        // userRoles includes every staff user; being disabled does not remove them.
        let snapshot = OrgChart.snapshot(everyRoleHolds: [view: .subtree])
        #expect(snapshot.visibility(of: Actor(userID: 201, roleID: 20), for: view).includes(owner: 312))
    }
}
