/// A permission named `module.resource.action`, e.g. `members.member.view`.
///
/// Encoded (`Codable`) as its dotted string form; decoding fails unless the string
/// has exactly three non-empty parts.
public struct PermissionKey: Hashable, Sendable, Codable, CustomStringConvertible, Comparable {
    /// The module that declares the permission, e.g. `members`.
    public let module: String
    /// The resource inside the module, e.g. `member`.
    public let resource: String
    /// The action on the resource, e.g. `view`, `edit` or `allocate`.
    public let action: String

    /// Creates a key from its three parts (not validated; parts should not contain `.`).
    public init(module: String, resource: String, action: String) {
        self.module = module
        self.resource = resource
        self.action = action
    }

    /// Parses `"module.resource.action"`; `nil` unless there are exactly three non-empty parts.
    public init?(_ string: String) {
        let parts = string.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 3, parts.allSatisfy({ !$0.isEmpty }) else { return nil }
        self.init(module: String(parts[0]), resource: String(parts[1]), action: String(parts[2]))
    }

    /// The dotted form, `"module.resource.action"`.
    public var description: String {
        "\(module).\(resource).\(action)"
    }

    /// The same module and resource with another action, e.g. the `view` key of an `edit` key.
    public func with(action: String) -> PermissionKey {
        PermissionKey(module: module, resource: resource, action: action)
    }

    /// Orders by module, then resource, then action.
    public static func < (lhs: PermissionKey, rhs: PermissionKey) -> Bool {
        (lhs.module, lhs.resource, lhs.action) < (rhs.module, rhs.resource, rhs.action)
    }

    /// Decodes from the dotted string form.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let string = try container.decode(String.self)
        guard let key = PermissionKey(string) else {
            throw DecodingError.dataCorruptedError(
                in: container,
                debugDescription: "Expected \"module.resource.action\", got \"\(string)\""
            )
        }
        self = key
    }

    /// Encodes as the dotted string form.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}
