extension RoleTree {
    /// Repairs stored role rows into a forest: one node per id (the first wins),
    /// dangling or self parents become roots, and each parent cycle is broken by
    /// making its smallest id a root. Returns the nodes with their effective parents.
    static func repaired(_ nodes: [RoleNode]) -> [RoleID: RoleNode] {
        var byID: [RoleID: RoleNode] = [:]
        for node in nodes where byID[node.id] == nil {
            byID[node.id] = node
        }

        var parent: [RoleID: RoleID] = [:]
        for node in byID.values {
            if let parentID = node.parentID, parentID != node.id, byID[parentID] != nil {
                parent[node.id] = parentID
            }
        }

        // Every node has at most one parent, so each component holds at most one cycle.
        // Walk up from each node; meeting a node of the current walk closes a cycle.
        enum Mark { case onPath, done }
        var marks: [RoleID: Mark] = [:]
        for start in byID.keys.sorted() where marks[start] == nil {
            var path: [RoleID] = []
            var current: RoleID? = start
            while let id = current, marks[id] == nil {
                marks[id] = .onPath
                path.append(id)
                current = parent[id]
            }
            if let id = current, marks[id] == .onPath, let entry = path.firstIndex(of: id),
               let cut = path[entry...].min() {
                parent[cut] = nil
            }
            for id in path {
                marks[id] = .done
            }
        }

        var repaired: [RoleID: RoleNode] = [:]
        for (id, node) in byID {
            repaired[id] = RoleNode(id: id, parentID: parent[id], sortOrder: node.sortOrder, name: node.name)
        }
        return repaired
    }

    /// Sibling order: sort order, then name, then id.
    static func displayOrder(_ lhs: RoleNode, _ rhs: RoleNode) -> Bool {
        if lhs.sortOrder != rhs.sortOrder { return lhs.sortOrder < rhs.sortOrder }
        if lhs.name != rhs.name { return lhs.name < rhs.name }
        return lhs.id < rhs.id
    }
}
