import Members
import PluginAPI
import SQLKit

/// The after-sale dashboard card: what needs doing today, each count linking to its list.
enum AfterSaleWidgets {
    static func reminders(_ req: ModuleRequest) async throws -> HTML {
        let day = try await AgencyDay.now(req)
        var counts = CountList()
        if req.access.isGranted("entrustment", "view") {
            var list = ListQuery(table: "aftersale_entrustment")
            list.filter("status", .equal, "pending")
            list.filter(req.access.ownerPredicate("entrustment"))
            let (n, capped) = try await list.count(req.db)
            counts.add(req.t("widget.entrustments"), (n, capped), href: "\(req.base)/entrustments?status=pending")
        }
        if req.access.isGranted("appointment", "view") {
            var pending = ListQuery(table: "aftersale_appointment")
            pending.filter("status", .equal, "pending")
            pending.filter(req.access.ownerPredicate("appointment"))
            let (p, pc) = try await pending.count(req.db)
            counts.add(req.t("widget.appointmentsPending"), (p, pc), href: "\(req.base)/appointments?status=pending")
            var today = ListQuery(table: "aftersale_appointment")
            today.filter("status", .equal, "approved")
            today.filter("meet_at", .greaterThanOrEqual, day.start)
            today.filter("meet_at", .lessThan, day.endOfToday)
            today.filter(req.access.ownerPredicate("appointment"))
            let (t, tc) = try await today.count(req.db)
            counts.add(req.t("widget.appointmentsToday"), (t, tc), href: "\(req.base)/appointments?status=approved&from=\(day.today)&to=\(day.today)")
        }
        let due = try await MemberDirectory.count(req, scope: .aftersale, filters: [AfterSaleContact.dueBefore(req.db, day.endOfToday)])
        counts.add(req.t("list.due"), (due.total, due.capped), href: "\(req.base)/lists/due")
        let birthdays = try await MemberDirectory.count(req, scope: .aftersale, filters: [.birthdayOn(day.monthDay)])
        counts.add(req.t("list.birthday-today"), (birthdays.total, birthdays.capped), href: "\(req.base)/lists/birthday-today")
        let month = try await MemberDirectory.count(req, scope: .aftersale, filters: [.birthdayInMonth(day.month)])
        counts.add(req.t("list.birthday-month"), (month.total, month.capped), href: "\(req.base)/lists/birthday-month")
        let expired = try await MemberDirectory.count(req, scope: .aftersale, filters: ServiceContracts.expiredBefore(req.db, day.today))
        counts.add(req.t("list.expired"), (expired.total, expired.capped), href: "\(req.base)/lists/expired")
        return counts.render()
    }
}
