/// A problem in a declarative module's file: `modules.d/referrals.yaml:12: module 'referrals': message`.
public struct DefinitionError: Error, CustomStringConvertible, Equatable, Sendable {
    public let file: String
    public let line: Int?
    public let module: String?
    public let message: String

    /// Creates an error.
    public init(file: String, line: Int?, module: String?, _ message: String) {
        self.file = file
        self.line = line
        self.module = module
        self.message = message
    }

    public var description: String {
        var location = file
        if let line { location += ":\(line)" }
        if let module, !module.isEmpty { location += ": module '\(module)'" }
        return "\(location): \(message)"
    }
}

/// Every problem found in the definitions, reported together.
public struct DefinitionErrors: Error, CustomStringConvertible, Sendable {
    public let errors: [DefinitionError]

    /// Creates the list.
    public init(_ errors: [DefinitionError]) { self.errors = errors }

    public var description: String { errors.map(\.description).joined(separator: "\n") }
}
