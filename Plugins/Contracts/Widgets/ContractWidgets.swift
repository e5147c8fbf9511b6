import PluginAPI
import SQLKit

/// The dashboard card (manual 1.1): contracts waiting for my review, renewals signed this month. Each figure counts
/// exactly what the list it links to shows, through the same query and the kernel's visibility.
enum ContractWidgets {
    static func card(_ req: ModuleRequest) async throws -> HTML {
        let day = try await AgencyDay.now(req)
        var counts = CountList()
        if req.access.isGranted("contract", "audit") {
            let pending = try await ContractListPages.query(req, key: "pending", today: day.today)
            counts.add(req.t("widget.pending"), try await pending.count(req.db), href: "\(req.base)/lists/pending")
        }
        let monthStart = String(day.today.prefix(8)) + "01"
        var renewals = try await ContractListPages.query(req, key: "renewal", today: day.today)
        renewals.filter("signed_on", .greaterThanOrEqual, monthStart)
        renewals.filter("signed_on", .lessThanOrEqual, day.today)
        let link = QueryItem.url("\(req.base)/lists/renewal", [QueryItem("signed_from", monthStart), QueryItem("signed_to", day.today)])
        counts.add(req.t("widget.renewalsMonth"), try await renewals.count(req.db), href: link)
        return counts.render()
    }
}
