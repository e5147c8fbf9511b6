import Members
import PluginAPI
import SQLKit

/// The after-sale member lists: each the Members search form and paging over the members whose after-sale matchmaker
/// the user may see (the kernel's predicate on `aftersale_owner_id`).
struct WorkbenchPages: Sendable {
    func register(_ routes: inout RouteCollector) throws {
        try routes.get("/", .requires("workbench", "view"), home)
        try routes.get("/lists/:list", .requires("workbench", "view"), list)
    }

    @Sendable func home(_ req: ModuleRequest) async throws -> ModuleResponse {
        .redirect("\(req.base)/lists/new")
    }

    /// The filters of list `key`.
    static func filters(_ key: String, _ req: ModuleRequest, day: AgencyDay) -> [MemberFilter]? {
        switch key {
        case "all": return []
        case "new": return [AfterSaleContact.followedUp(req.db, false)]
        case "followed": return [AfterSaleContact.followedUp(req.db, true)]
        case "due": return [AfterSaleContact.dueBefore(req.db, day.endOfToday)]
        case "birthday-today": return [.birthdayOn(day.monthDay)]
        case "birthday-month": return [.birthdayInMonth(day.month)]
        case "expired": return ServiceContracts.expiredBefore(req.db, day.today)
        default: return nil
        }
    }

    @Sendable func list(_ req: ModuleRequest) async throws -> ModuleResponse {
        let key = req.parameters["list"] ?? ""
        let day = try await AgencyDay.now(req)
        guard let filters = Self.filters(key, req, day: day) else { throw ModuleError.notFound }
        let canNote = req.access.isGranted("note", "add"), canMatch = req.access.isGranted("match", "add")
        let base = req.base
        let body = try await MemberDirectory.listBody(req, listKey: key, formAction: "\(base)/lists/\(key)", linkBase: base, scope: .aftersale,
                                                      filters: filters) { member in
            var actions = [RowAction(label: req.t("action.overview"), href: "\(base)/\(member.id)")]
            if canNote { actions.append(RowAction(label: req.t("action.addNote"), href: "\(base)/\(member.id)#new-note")) }
            if canMatch { actions.append(RowAction(label: req.t("action.match"), href: "\(base)/\(member.id)/match")) }
            return actions
        }
        return .page(title: req.t("list.\(key)"), body: body)
    }
}
