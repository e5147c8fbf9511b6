/// Identity of a module: id (lowercase; also its table prefix and URL prefix), names, version, dependencies.
public struct ModuleManifest: Sendable, Equatable {
    /// Lowercase identifier, e.g. `members`.
    public var id: String
    /// Display name in zh-CN and en.
    public var name: LocalizedText
    /// Semantic version string.
    public var version: String
    /// Ids of the modules this one needs enabled.
    public var dependencies: [String]

    /// Creates a manifest.
    public init(id: String, name: LocalizedText, version: String, dependencies: [String] = []) {
        self.id = id
        self.name = name
        self.version = version
        self.dependencies = dependencies
    }

    /// Whether `id` is a valid module id: a lowercase ASCII letter then lowercase letters, digits or `_`, at most 32.
    public static func isValidID(_ id: String) -> Bool {
        guard let first = id.unicodeScalars.first, ("a"..."z").contains(first), id.count <= 32 else { return false }
        return id.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "_" }
    }
}
