import Members
import PluginAPI
import SQLKit

/// Dashboard cards for pre-sale users; every figure links to the list it counts.
enum PreSaleWidgets {
    /// Contracts expiring, follow-ups due, birthdays today and this month.
    static func reminders(_ req: ModuleRequest) async throws -> HTML {
        let day = try await AgencyDay.now(req)
        var counts = CountList()
        for key in ["expiring", "due", "birthday-today", "birthday-month"] {
            guard let filters = WorkbenchPages.filters(key, req, day: day) else { continue }
            let count = try await MemberDirectory.count(req, scope: .presale, filters: filters)
            let label: String
            switch key {
            case "expiring": label = req.t("widget.expiring").replacingOccurrences(of: "{days}", with: String(req.settings.int("expiring_days", 30)))
            case "due": label = req.t("widget.due")
            case "birthday-today": label = req.t("widget.birthdayToday")
            default: label = req.t("widget.birthdayMonth")
            }
            counts.add(label, count, href: "\(req.base)/lists/\(key)")
        }
        return counts.render()
    }

    /// My members, signed this month, contracts this month (members whose pre-sale matchmaker is the user).
    static func numbers(_ req: ModuleRequest) async throws -> HTML {
        guard let me = req.user?.id else { return .empty }
        let day = try await AgencyDay.now(req)
        var counts = CountList()
        let mine = try await MemberDirectory.count(req, scope: .presale, filters: [.presaleOwner(me)])
        counts.add(req.t("widget.mine"), mine, href: "/m/members/?owner=\(me)")
        // My performance this month: contracts I entered that became effective (first signings, all).
        for key in ["signed-month", "contracts-month"] {
            let count = try await ContractFacts.authoredSince(req.db, author: me, day.monthStart, kind: key == "signed-month" ? "first" : nil)
            counts.add(req.t(key == "signed-month" ? "widget.signedMonth" : "widget.contractsMonth"), (count, false),
                         href: "\(req.base)/lists/\(key)?owner=\(me)")
        }
        return counts.render()
    }
}
