import PluginAPI

/// Orders modules so each comes after its dependencies.
enum ModuleOrder {

    /// A dependency order (stable: ties keep the given order), or the ids of a cycle.
    static func sort(_ modules: [any Module]) -> Result<[any Module], CycleError> {
        let byID = Dictionary(modules.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        var state: [String: Int] = [:]   // 1 visiting, 2 done
        var order: [any Module] = []
        var stack: [String] = []
        func visit(_ id: String) -> [String]? {
            if state[id] == 2 { return nil }
            if state[id] == 1 {
                let start = stack.firstIndex(of: id) ?? 0
                return Array(stack[start...]) + [id]
            }
            guard let module = byID[id] else { return nil }
            state[id] = 1
            stack.append(id)
            for dep in module.manifest.dependencies {
                if let cycle = visit(dep) { return cycle }
            }
            stack.removeLast()
            state[id] = 2
            order.append(module)
            return nil
        }
        for module in modules {
            if let cycle = visit(module.id) { return .failure(CycleError(cycle)) }
        }
        return .success(order)
    }
}

/// A dependency cycle, as the ids along it.
struct CycleError: Error, Sequence {
    let ids: [String]
    init(_ ids: [String]) { self.ids = ids }
    var first: String? { ids.first }
    func makeIterator() -> IndexingIterator<[String]> { ids.makeIterator() }
    func joined(separator: String) -> String { ids.joined(separator: separator) }
}
