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
    /// Stores an uploaded image (JPEG, PNG or WebP recognised by content, at most 2 MiB) under a generated name, without its
    /// metadata (Exif with the GPS position, XMP, comments); returns its path (`/uploads/…`), or throws
    /// `ModuleError.validation([field: message])`. `audience` says who may fetch it at that path (see `ImageAudience`).
    func storeImage(_ bytes: [UInt8], field: String, language: Language, audience: ImageAudience) async throws -> String
    /// The image stored at `path` (as returned by `storeImage`), nil when there is none. For a module route that has checked
    /// the user may see the record the image belongs to.
    func loadImage(_ path: String) -> StoredImage?
    /// Deletes the image at `path` stored for `audience` (a replaced or rejected photo, an old logo); paths of other images and
    /// unknown paths are left alone. Call it after the transaction that stopped referring to the image committed.
    func discardImage(_ path: String, audience: ImageAudience) async
    /// The host's cache for data read on almost every page.
    var cache: ModuleCache { get }
    /// Hashes a password with bcrypt (cost ≥ 10), off the event loops.
    func hashPassword(_ password: String) async throws -> String
    /// Whether module `moduleID` is enabled in `modules.yaml` (for steps that belong to an optional module while it is on).
    func isEnabled(_ moduleID: String) -> Bool
    /// The panels enabled modules declared for `slot`, in module order, with the id of the module of each.
    func panels(slot: String) -> [(moduleID: String, panel: RecordPanel)]
    /// The `modules.yaml` settings of module `id` (defaults filled in); empty for an unknown or disabled module.
    func settings(of moduleID: String) -> ModuleSettings
    /// Checks `password` against staff member `userID`'s security password (bcrypt, off the event loops; wrong when none
    /// is set). Throttled by the host: the attempt is counted before the check, and five failures within 15 minutes lock
    /// the security password for 15 minutes, whatever is typed, in every host process.
    func checkSecurityPassword(userID: Int64, _ password: String) async throws -> SecretCheck
    /// One page of the staff shown on the public site (active, "show on the public site" on), by id, and their number.
    /// - Parameters:
    ///   - page: The page, from 1.
    ///   - pageSize: Profiles per page.
    func publicStaff(page: Int, pageSize: Int) async throws -> (staff: [PublicStaffProfile], total: Int)
    /// The public profile of staff member `id`, nil unless they are active and shown on the public site.
    func publicStaff(id: Int64) async throws -> PublicStaffProfile?
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

extension HostServices {
    /// Stores an image private to the module's records (`ImageAudience.module`); see `storeImage(_:field:language:audience:)`.
    public func storeImage(_ bytes: [UInt8], field: String, language: Language) async throws -> String {
        try await storeImage(bytes, field: field, language: language, audience: .module)
    }
}
