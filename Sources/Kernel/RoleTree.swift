/// The role hierarchy, with descendants and ancestors precomputed for fast lookups.
///
/// Built from stored rows, it tolerates bad data instead of crashing: a parent that
/// does not exist (or is the role itself) makes the role a root, duplicate ids keep
/// the first row, and a parent cycle is broken by making its smallest id a root.
/// The nodes it returns carry these effective parents.
public struct RoleTree: Sendable {
    private let nodes: [RoleID: RoleNode]
    private let childrenByParent: [RoleID: [RoleNode]]
    private let roots: [RoleNode]
    private let ancestorsByRole: [RoleID: [RoleID]]
    private let descendantsByRole: [RoleID: Set<RoleID>]

    /// Builds the tree from role rows in any order.
    public init(_ nodes: [RoleNode]) {
        let repaired = Self.repaired(nodes)

        var children: [RoleID: [RoleNode]] = [:]
        var roots: [RoleNode] = []
        for node in repaired.values {
            if let parentID = node.parentID {
                children[parentID, default: []].append(node)
            } else {
                roots.append(node)
            }
        }
        for key in children.keys {
            children[key]?.sort(by: Self.displayOrder)
        }
        roots.sort(by: Self.displayOrder)

        var ancestors: [RoleID: [RoleID]] = [:]
        var descendants: [RoleID: Set<RoleID>] = [:]
        for id in repaired.keys {
            var chain: [RoleID] = []
            var current = repaired[id]?.parentID
            while let parentID = current {
                chain.append(parentID)
                descendants[parentID, default: []].insert(id)
                current = repaired[parentID]?.parentID
            }
            ancestors[id] = chain
        }

        self.nodes = repaired
        self.childrenByParent = children
        self.roots = roots
        self.ancestorsByRole = ancestors
        self.descendantsByRole = descendants
    }

    /// The role with this id, with its effective parent; `nil` if unknown.
    public func node(_ id: RoleID) -> RoleNode? {
        nodes[id]
    }

    /// Whether the tree holds a role with this id.
    public func contains(_ id: RoleID) -> Bool {
        nodes[id] != nil
    }

    /// Every role, in display (pre-order) order.
    public var allNodes: [RoleNode] {
        flattened().map(\.node)
    }

    /// The direct children of a role (`nil` = the roots), sorted by sort order, then name, then id.
    public func children(of id: RoleID?) -> [RoleNode] {
        guard let id else { return roots }
        return childrenByParent[id] ?? []
    }

    /// Every role below this one (children, grandchildren, …), excluding the role itself.
    public func strictDescendants(of id: RoleID) -> Set<RoleID> {
        descendantsByRole[id] ?? []
    }

    /// The chain of ancestors, nearest (the parent) first, excluding the role itself.
    public func ancestors(of id: RoleID) -> [RoleID] {
        ancestorsByRole[id] ?? []
    }

    /// Whether `id` lies strictly below `ancestor` (a role is not its own descendant).
    public func isStrictDescendant(_ id: RoleID, of ancestor: RoleID) -> Bool {
        descendantsByRole[ancestor]?.contains(id) ?? false
    }

    /// Whether a role may be moved under `newParent` (`nil` = make it a root) without
    /// creating a cycle: refused under itself or one of its descendants, and when
    /// either role is unknown.
    public func canMove(_ id: RoleID, under newParent: RoleID?) -> Bool {
        guard contains(id) else { return false }
        guard let newParent else { return true }
        return contains(newParent) && newParent != id && !isStrictDescendant(newParent, of: id)
    }

    /// The number of ancestors: a root is at depth 0 (so is an unknown role).
    public func depth(of id: RoleID) -> Int {
        ancestors(of: id).count
    }

    /// Every role in pre-order with its depth, siblings in display order, for indented lists.
    public func flattened() -> [(node: RoleNode, depth: Int)] {
        var result: [(node: RoleNode, depth: Int)] = []
        result.reserveCapacity(nodes.count)
        var stack: [(node: RoleNode, depth: Int)] = roots.reversed().map { ($0, 0) }
        while let (node, depth) = stack.popLast() {
            result.append((node, depth))
            for child in children(of: node.id).reversed() {
                stack.append((child, depth + 1))
            }
        }
        return result
    }
}
