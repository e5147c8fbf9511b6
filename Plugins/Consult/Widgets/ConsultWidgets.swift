import PluginAPI
import SQLKit

/// The dashboard card: pending consultations assigned to me, and — for allocators — those waiting for allocation.
enum ConsultWidgets {
    static func pending(_ req: ModuleRequest) async throws -> HTML {
        guard let me = req.user?.id else { return .empty }
        var counts = CountList()
        var mine = ListQuery(table: "consult_consultation")
        mine.filter(ConsultAccess.predicate(req))
        mine.filter("status", .equal, Consultation.pending)
        mine.filter("owner_id", .equal, me)
        counts.add(req.t("widget.mine"), try await mine.count(req.db), href: "\(req.base)/?owner=\(me)")
        if ConsultAccess.reachesUnassigned(req) {
            var open = ListQuery(table: "consult_consultation")
            open.filter("status", .equal, Consultation.pending)
            open.filter(SQLBinaryExpression(SQLColumn("owner_id"), .is, SQLLiteral.null))
            counts.add(req.t("widget.unassigned"), try await open.count(req.db), href: "\(req.base)/allocation")
        }
        return counts.render()
    }
}
