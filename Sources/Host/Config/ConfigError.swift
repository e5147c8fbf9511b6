/// A problem in `modules.yaml`, naming the file, the line and the module when there is one.
public struct ConfigError: Error, CustomStringConvertible, Equatable, Sendable {
    public let file: String
    public let line: Int?
    public let module: String?
    public let message: String

    public init(file: String, line: Int?, module: String? = nil, _ message: String) {
        self.file = file
        self.line = line
        self.module = module
        self.message = message
    }

    public var description: String {
        var location = file
        if let line { location += ":\(line)" }
        if let module { location += ": module '\(module)'" }
        return "\(location): \(message)"
    }
}

/// Every problem found in a configuration, reported together.
public struct ConfigErrors: Error, CustomStringConvertible, Sendable {
    public let errors: [ConfigError]
    public var description: String { errors.map(\.description).joined(separator: "\n") }
}
