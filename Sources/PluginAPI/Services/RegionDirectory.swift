/// A region of China's administrative divisions.
public struct Region: Sendable, Equatable, Codable {
    /// 6-digit code.
    public var code: String
    /// Parent code, nil for provinces.
    public var parentCode: String?
    /// 1 province, 2 city, 3 district.
    public var level: Int
    public var name: String

    /// Creates a region.
    public init(code: String, parentCode: String?, level: Int, name: String) {
        self.code = code
        self.parentCode = parentCode
        self.level = level
        self.name = name
    }
}

/// Read access to the host's region table.
public protocol RegionDirectory: Sendable {
    /// Children of `code` (provinces when nil), ordered by code.
    func children(of code: String?) async throws -> [Region]
    /// The region and its ancestors, province first; empty for an unknown code.
    func path(_ code: String) async throws -> [Region]
    /// Code → name for the given codes (unknown codes are absent), in one query.
    func names(_ codes: Set<String>) async throws -> [String: String]
}
