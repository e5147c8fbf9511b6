import Kernel
import PluginAPI

/// The staff members a user may pick (allocation targets, the matchmaker filter): active, and visible to the user
/// through the kernel (the owners of members they can see).
enum MemberStaff {
    static func visible(_ req: ModuleRequest, action: String = "view") async throws -> [StaffSummary] {
        let visibility = req.access.visibility("member", action)
        return try await req.host.activeStaff().filter { visibility.includes(owner: $0.id) }
    }

    static func visibleOptions(_ req: ModuleRequest, action: String = "view") async throws -> [SelectOption] {
        try await visible(req, action: action).map { SelectOption(value: String($0.id), label: "\($0.name)（\($0.login)）") }
    }

    /// id → display name of every active staff member.
    static func names(_ req: ModuleRequest) async throws -> [Int64: String] {
        Dictionary(try await req.host.activeStaff().map { ($0.id, $0.name) }, uniquingKeysWith: { a, _ in a })
    }
}
