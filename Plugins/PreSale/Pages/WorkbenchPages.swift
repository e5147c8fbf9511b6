import Members
import PluginAPI
import SQLKit

/// The pre-sale workbench lists: each the Members search form and paging over the pre-sale members the user may see.
struct WorkbenchPages: Sendable {
    static let lists = ["new", "followed", "due", "unsigned", "expiring", "expired", "birthday-today", "birthday-month", "signed-month",
                        "contracts-month"]

    func register(_ routes: inout RouteCollector) throws {
        try routes.get("/", .requires("workbench", "view"), home)
        try routes.get("/lists/:list", .requires("workbench", "view"), list)
    }

    @Sendable func home(_ req: ModuleRequest) async throws -> ModuleResponse {
        .redirect("\(req.base)/lists/new")
    }

    /// The filters of workbench list `key`.
    static func filters(_ key: String, _ req: ModuleRequest, day: AgencyDay) -> [MemberFilter]? {
        switch key {
        case "new": return [.followedUp(false)]
        case "followed": return [.followedUp(true)]
        case "due": return [.nextContactBefore(day.endOfToday)]
        case "unsigned": return [.signed(false)]
        case "expiring":
            let days = req.settings.int("expiring_days", 30)
            return [ContractFacts.endingBetween(req.db, from: day.today, to: day.date(plus: max(days, 0)))]
        case "expired": return [ContractFacts.endingBetween(req.db, from: nil, to: day.date(plus: -1))]
        case "birthday-today": return [.birthdayOn(day.monthDay)]
        case "birthday-month": return [.birthdayInMonth(day.month)]
        case "signed-month": return [ContractFacts.effectiveSince(req.db, day.monthStart, kind: "first")]
        case "contracts-month": return [ContractFacts.effectiveSince(req.db, day.monthStart, kind: nil)]
        default: return nil
        }
    }

    @Sendable func list(_ req: ModuleRequest) async throws -> ModuleResponse {
        let key = req.parameters["list"] ?? ""
        let day = try await AgencyDay.now(req)
        guard let filters = Self.filters(key, req, day: day) else { throw ModuleError.notFound }
        let canNote = req.access.isGranted("note", "add")
        let base = req.base
        let body = try await MemberDirectory.listBody(req, listKey: key, formAction: "\(base)/lists/\(key)", linkBase: base, scope: .presale,
                                                      filters: filters) { member in
            var actions = [RowAction(label: req.t("action.overview"), href: "\(base)/\(member.id)")]
            if canNote { actions.append(RowAction(label: req.t("action.addNote"), href: "\(base)/\(member.id)#new-note")) }
            return actions
        }
        var title = req.t("list.\(key)")
        if key == "expiring" { title += " · \(req.settings.int("expiring_days", 30))" + (req.language == .en ? " days" : " 天") }
        return .page(title: title, body: body)
    }
}
