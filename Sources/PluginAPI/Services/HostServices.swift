import SQLKit

/// What the host offers every module at request time.
public protocol HostServices: Sendable {
    /// The database.
    var database: any SQLDatabase { get }
    /// The merged message catalogue.
    var messages: MessageCatalog { get }
    /// Runs `body` in one transaction: events published in it run their subscribers in it; audit entries are written in it.
    func transaction<T: Sendable>(actorID: Int64?, _ body: @escaping @Sendable (Transaction) async throws -> T) async throws -> T
    /// Site-wide settings (branding, page sizes, time zone …).
    var site: any SiteSettingsStore { get }
    /// China's administrative divisions.
    var regions: any RegionDirectory { get }
    /// Active staff members, for pickers (allocation targets, designated matchmakers).
    func activeStaff() async throws -> [StaffSummary]
}

/// A staff member as shown in pickers.
public struct StaffSummary: Sendable, Equatable, Codable {
    public var id: Int64
    public var login: String
    public var name: String
    public var roleID: Int64

    /// Creates a summary.
    public init(id: Int64, login: String, name: String, roleID: Int64) {
        self.id = id
        self.login = login
        self.name = name
        self.roleID = roleID
    }
}
