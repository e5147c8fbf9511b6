import Testing
@testable import Kernel

@Suite("Role tree")
struct RoleTreeTests {
    let tree = OrgChart.tree

    // MARK: Shape

    @Test("roots and children come sorted by sort order, then name, then id")
    func childrenOrdering() {
        let tree = RoleTree([
            RoleNode(id: 1, parentID: nil, sortOrder: 0, name: "root"),
            RoleNode(id: 5, parentID: 1, sortOrder: 2, name: "a"),
            RoleNode(id: 4, parentID: 1, sortOrder: 1, name: "z"),
            RoleNode(id: 3, parentID: 1, sortOrder: 1, name: "b"),
            RoleNode(id: 2, parentID: 1, sortOrder: 1, name: "b"),
            RoleNode(id: 9, parentID: nil, sortOrder: -1, name: "first root"),
        ])
        #expect(tree.children(of: 1).map(\.id) == [2, 3, 4, 5])
        #expect(tree.children(of: nil).map(\.id) == [9, 1])
        #expect(tree.children(of: 5).isEmpty)
        #expect(tree.children(of: 42).isEmpty)
    }

    @Test("strict descendants include every level below and never the role itself")
    func strictDescendants() {
        #expect(tree.strictDescendants(of: 10) == [20, 21, 30, 31, 32, 33])
        #expect(tree.strictDescendants(of: 30).isEmpty)
        #expect(tree.strictDescendants(of: 40) == [41])
        #expect(tree.strictDescendants(of: 1).count == 15)
        #expect(tree.isStrictDescendant(33, of: 10))
        #expect(tree.isStrictDescendant(33, of: 1))
        #expect(!tree.isStrictDescendant(10, of: 10))
        #expect(!tree.isStrictDescendant(34, of: 10))
        #expect(!tree.isStrictDescendant(10, of: 33))
    }

    @Test("ancestors run nearest first and depth counts them", arguments: OrgChart.roleRows.map(\.id))
    func ancestorsAndDepth(role: RoleID) {
        var expected: [RoleID] = []
        var current = Oracle.parent(of: role)
        while let id = current {
            expected.append(id)
            current = Oracle.parent(of: id)
        }
        #expect(tree.ancestors(of: role) == expected)
        #expect(tree.depth(of: role) == expected.count)
        #expect(tree.node(role)?.parentID == Oracle.parent(of: role))
    }

    @Test("an unknown role has no node, ancestors or descendants")
    func unknownRole() {
        #expect(tree.node(OrgChart.orphanRole) == nil)
        #expect(tree.ancestors(of: OrgChart.orphanRole).isEmpty)
        #expect(tree.strictDescendants(of: OrgChart.orphanRole).isEmpty)
        #expect(tree.depth(of: OrgChart.orphanRole) == 0)
    }

    @Test("flattened lists every role once in pre-order with its depth")
    func flattenedPreOrder() {
        let flat = tree.flattened()
        #expect(flat.map(\.node.id) == [1, 2, 10, 20, 30, 31, 21, 32, 33, 11, 22, 34, 35, 23, 36, 37, 40, 41])
        #expect(flat.map(\.depth) == [0, 1, 2, 3, 4, 4, 3, 4, 4, 2, 3, 4, 4, 3, 4, 4, 0, 1])
        #expect(tree.allNodes.map(\.id) == flat.map(\.node.id))
    }

    // MARK: Moving

    @Test("a role cannot move under itself or any of its descendants")
    func canMoveRefusesCycles() {
        #expect(!tree.canMove(10, under: 10))
        #expect(!tree.canMove(10, under: 20))
        #expect(!tree.canMove(10, under: 33))
        #expect(!tree.canMove(1, under: 37))
    }

    @Test("a role can move under a peer, a superior, another branch or to the top")
    func canMoveElsewhere() {
        #expect(tree.canMove(20, under: 21))
        #expect(tree.canMove(30, under: 2))
        #expect(tree.canMove(10, under: 41))
        #expect(tree.canMove(10, under: nil))
    }

    @Test("moving an unknown role or under an unknown parent is refused")
    func canMoveUnknown() {
        #expect(!tree.canMove(OrgChart.orphanRole, under: 10))
        #expect(!tree.canMove(10, under: OrgChart.orphanRole))
    }

    // MARK: Bad data

    @Test("a dangling or self parent makes the role a root")
    func danglingParentBecomesRoot() {
        let tree = RoleTree([
            RoleNode(id: 1, parentID: 404, name: "lost"),
            RoleNode(id: 2, parentID: 2, name: "selfish"),
            RoleNode(id: 3, parentID: 1, name: "child"),
        ])
        #expect(tree.children(of: nil).map(\.id) == [1, 2])
        #expect(tree.node(1)?.parentID == nil)
        #expect(tree.node(2)?.parentID == nil)
        #expect(tree.ancestors(of: 3) == [1])
    }

    @Test("a parent cycle is broken at its smallest id without crashing")
    func cycleIsBroken() {
        // 2 → 3 → 4 → 2 is a cycle; 5 hangs off it; 7 ↔ 6 is a second cycle.
        let tree = RoleTree([
            RoleNode(id: 3, parentID: 2, name: "c"),
            RoleNode(id: 2, parentID: 4, name: "b"),
            RoleNode(id: 4, parentID: 3, name: "d"),
            RoleNode(id: 5, parentID: 4, name: "e"),
            RoleNode(id: 7, parentID: 6, name: "g"),
            RoleNode(id: 6, parentID: 7, name: "f"),
        ])
        #expect(tree.children(of: nil).map(\.id) == [2, 6])
        #expect(tree.ancestors(of: 5) == [4, 3, 2])
        #expect(tree.strictDescendants(of: 2) == [3, 4, 5])
        #expect(tree.flattened().map(\.node.id).sorted() == [2, 3, 4, 5, 6, 7])
        #expect(!tree.canMove(2, under: 5))
    }

    @Test("a duplicate role id keeps the first row")
    func duplicateIDKeepsFirst() {
        let tree = RoleTree([
            RoleNode(id: 1, parentID: nil, name: "first"),
            RoleNode(id: 1, parentID: nil, name: "second"),
        ])
        #expect(tree.node(1)?.name == "first")
        #expect(tree.flattened().count == 1)
    }

    @Test("an empty tree answers without crashing")
    func emptyTree() {
        let tree = RoleTree([])
        #expect(tree.children(of: nil).isEmpty)
        #expect(tree.flattened().isEmpty)
        #expect(!tree.canMove(1, under: nil))
    }
}
