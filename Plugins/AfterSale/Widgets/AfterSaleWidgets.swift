import Members
import PluginAPI
import SQLKit

/// The after-sale dashboard card: what needs doing today, each count linking to its list.
enum AfterSaleWidgets {
    static func reminders(_ req: ModuleRequest) async throws -> HTML {
        let day = try await AgencyDay.now(req)
        var items: [(String, Int, Bool, String)] = []
        if req.access.isGranted("entrustment", "view") {
            var list = ListQuery(table: "aftersale_entrustment")
            list.filter("status", .equal, "pending")
            list.filter(req.access.ownerPredicate("entrustment"))
            let (n, capped) = try await list.count(req.db)
            items.append((req.t("widget.entrustments"), n, capped, "\(req.base)/entrustments?status=pending"))
        }
        if req.access.isGranted("appointment", "view") {
            var pending = ListQuery(table: "aftersale_appointment")
            pending.filter("status", .equal, "pending")
            pending.filter(req.access.ownerPredicate("appointment"))
            let (p, pc) = try await pending.count(req.db)
            items.append((req.t("widget.appointmentsPending"), p, pc, "\(req.base)/appointments?status=pending"))
            var today = ListQuery(table: "aftersale_appointment")
            today.filter("status", .equal, "approved")
            today.filter("meet_at", .greaterThanOrEqual, day.start)
            today.filter("meet_at", .lessThan, day.endOfToday)
            today.filter(req.access.ownerPredicate("appointment"))
            let (t, tc) = try await today.count(req.db)
            items.append((req.t("widget.appointmentsToday"), t, tc, "\(req.base)/appointments?status=approved&from=\(day.today)&to=\(day.today)"))
        }
        let due = try await MemberDirectory.count(req, scope: .aftersale, filters: [AfterSaleContact.dueBefore(req.db, day.endOfToday)])
        items.append((req.t("list.due"), due.total, due.capped, "\(req.base)/lists/due"))
        let birthdays = try await MemberDirectory.count(req, scope: .aftersale, filters: [.birthdayOn(day.monthDay)])
        items.append((req.t("list.birthday-today"), birthdays.total, birthdays.capped, "\(req.base)/lists/birthday-today"))
        let month = try await MemberDirectory.count(req, scope: .aftersale, filters: [.birthdayInMonth(day.month)])
        items.append((req.t("list.birthday-month"), month.total, month.capped, "\(req.base)/lists/birthday-month"))
        let expired = try await MemberDirectory.count(req, scope: .aftersale, filters: ServiceContracts.expiredBefore(req.db, day.today))
        items.append((req.t("list.expired"), expired.total, expired.capped, "\(req.base)/lists/expired"))
        return HTML(raw: "<ul class=\"widget-list\">" + items.map { label, n, capped, href in
            "<li><a href=\"\(escapeAttr(href))\">\(escapeHTML(label))</a> <strong class=\"num\">\(UIFormat.grouped(n))\(capped ? "+" : "")</strong></li>"
        }.joined() + "</ul>")
    }
}
