/// A value of a module setting read from `modules.yaml`.
public enum SettingValue: Sendable, Equatable, CustomStringConvertible {
    case string(String)
    case int(Int)
    case bool(Bool)
    case strings([String])

    /// The type name used in validation messages.
    public var typeName: String {
        switch self {
        case .string: "string"
        case .int: "integer"
        case .bool: "boolean"
        case .strings: "list of strings"
        }
    }

    public var description: String {
        switch self {
        case .string(let s): s
        case .int(let i): String(i)
        case .bool(let b): String(b)
        case .strings(let l): l.joined(separator: ",")
        }
    }
}

/// One key of a module's settings block: its type (given by the default) and documentation.
public struct SettingSpec: Sendable, Equatable {
    /// Key under `modules.<id>.settings`.
    public var key: String
    /// Default value; its case is the required type.
    public var defaultValue: SettingValue
    /// What the setting does.
    public var help: String

    /// Creates a setting specification.
    public init(_ key: String, default defaultValue: SettingValue, help: String = "") {
        self.key = key
        self.defaultValue = defaultValue
        self.help = help
    }
}

/// A module's resolved settings: the file's values over the schema's defaults.
public struct ModuleSettings: Sendable, Equatable {
    /// Resolved values by key.
    public var values: [String: SettingValue]

    /// Creates resolved settings.
    public init(_ values: [String: SettingValue] = [:]) { self.values = values }

    /// A string setting, or `fallback`.
    public func string(_ key: String, _ fallback: String = "") -> String {
        if case .string(let s)? = values[key] { return s }
        return fallback
    }

    /// An integer setting, or `fallback`.
    public func int(_ key: String, _ fallback: Int = 0) -> Int {
        if case .int(let i)? = values[key] { return i }
        return fallback
    }

    /// A boolean setting, or `fallback`.
    public func bool(_ key: String, _ fallback: Bool = false) -> Bool {
        if case .bool(let b)? = values[key] { return b }
        return fallback
    }
}
