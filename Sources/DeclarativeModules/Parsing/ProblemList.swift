import Yams

/// Collects the problems of one file, each at the line of the node it concerns.
final class ProblemList {
    let file: String
    var module: String?
    private(set) var errors: [DefinitionError] = []

    init(file: String) { self.file = file }

    func fail(_ node: Node?, _ message: String) {
        errors.append(DefinitionError(file: file, line: node?.mark?.line, module: module, message))
    }
}
