import Foundation
import PluginAPI
import SQLKit

/// Members' public API for the modules that depend on it (PreSale, AfterSale, Contracts …).
///
/// Every function judges with Members' own `member` permissions through the kernel, whichever module calls it:
/// the caller passes its request and this API views it as Members (`ModuleRequest.asModule`).
public enum MemberDirectory {
    /// The caller's request as Members sees it.
    static func viewed(_ req: ModuleRequest) -> ModuleRequest { req.moduleID == "members" ? req : req.asModule("members") }

    /// Loads member `id`: 404 when the user cannot see it, 403 when `action` is not granted on it.
    public static func load(_ req: ModuleRequest, id: Int64, action: String = "view") async throws -> MemberRecord {
        try await MemberAccess.load(viewed(req), action, id: id)
    }

    /// Whether the user may take `action` (a `member` action: view, edit, viewContact …) on `member`.
    public static func allows(_ req: ModuleRequest, _ member: MemberRecord, _ action: String) -> Bool {
        MemberAccess.decide(viewed(req), member, action) == .allowed
    }

    /// The kernel's visibility predicate over `members_member` (alias `table`), by the owner column(s) of `scope`.
    /// Use it to join the caller's own rows to the members the user may see.
    public static func visibility(_ req: ModuleRequest, scope: MemberScope = .anyOwner, table: String? = nil) -> any SQLExpression {
        MemberAccess.predicate(viewed(req), table: table, scope: scope)
    }

    /// The search form and one page of members matching it and `filters`: the body of a member list in another module.
    /// Names link to `<linkBase>/<id>`; paging and the form submit to `formAction`.
    public static func listBody(_ req: ModuleRequest, listKey: String, formAction: String, linkBase: String,
                                scope: MemberScope = .anyOwner, filters: [MemberFilter] = [],
                                actions: @escaping (MemberRecord) -> [RowAction] = { _ in [] }) async throws -> HTML {
        let (body, _) = try await MemberListPages.listBody(viewed(req), listKey: "\(req.moduleID).\(listKey)", formAction: formAction,
                                                           linkBase: linkBase, scope: scope,
                                                           extra: { list in for filter in filters { list.filter(filter.condition) } },
                                                           actions: actions)
        return body
    }

    /// The fields of Members' search form, filled from `req.query`, to put in front of the caller's own fields in one search form.
    public static func searchFields(_ req: ModuleRequest) async throws -> [FormField] {
        let members = viewed(req)
        let site = req.site
        return try await MemberSearch(req: members, today: MemberFormat.today(timeZone: site.timeZone)).form(action: "").fields
    }

    /// The member filters of `req.query` as a one-column `SELECT id FROM members_member WHERE …` (no visibility applied:
    /// the caller judges its own records), or nil when the query filters no member attribute.
    public static func matchingMembers(_ req: ModuleRequest) async throws -> (any SQLExpression)? {
        let members = viewed(req)
        let site = req.site
        let search = MemberSearch(req: members, today: MemberFormat.today(timeZone: site.timeZone))
        guard !search.activeFilters.isEmpty else { return nil }
        let list = search.listQuery(timeZone: site.timeZone, visibility: false)
        return req.db.select().column("id").from("members_member").where(list.predicate).select
    }

    /// The member filters present in `req.query`, as name/value pairs for paging links and exports.
    public static func activeFilters(_ req: ModuleRequest) -> [(String, String)] {
        MemberSearch(req: viewed(req), today: "").activeFilters
    }

    /// Members by id, for rows of the caller's own records that it has already judged (e.g. contracts the user may see).
    public static func records(ids: [Int64], db: any SQLDatabase) async throws -> [Int64: MemberRecord] {
        guard !ids.isEmpty else { return [:] }
        let rows = try await db.select().column(MemberRecord.listSelection).from("members_member")
            .where(SQLColumn("id"), .in, SQLGroupExpression(Set(ids).map { SQLBind($0) as any SQLExpression })).all()
        return Dictionary(try rows.map { row in let m = try MemberRecord(row: row); return (m.id, m) }, uniquingKeysWith: { a, _ in a })
    }

    /// Staff the user may pick in a filter of records owned through `resource` of the caller's module (e.g. contract authors).
    public static func visibleStaffOptions(_ req: ModuleRequest, resource: String) async throws -> [SelectOption] {
        let visibility = req.access.visibility(resource, "view")
        return try await req.host.activeStaff().filter { visibility.includes(owner: $0.id) }
            .map { SelectOption(value: String($0.id), label: "\($0.name)（\($0.login)）") }
    }

    /// How many visible members match `filters` (capped at 10,000), judged by the owner column(s) of `scope`.
    public static func count(_ req: ModuleRequest, scope: MemberScope, filters: [MemberFilter]) async throws -> (total: Int, capped: Bool) {
        var list = ListQuery(table: "members_member")
        list.filter(MemberAccess.predicate(viewed(req), scope: scope))
        for filter in filters { list.filter(filter.condition) }
        return try await list.count(req.db)
    }

    /// Labels and display strings for members: "女 29岁 离异 本科 165CM", region, matchmaker names, times.
    public static func presenter(_ req: ModuleRequest, members: [MemberRecord]) async throws -> MemberPresenter {
        MemberPresenter(rows: try await MemberRows.make(viewed(req), members: members))
    }

    /// The full profile (basic, personal, partner criteria, allocation history), contact details masked without `viewContact`.
    public static func profile(_ req: ModuleRequest, _ member: MemberRecord) async throws -> HTML {
        let members = viewed(req)
        let rows = try await MemberRows.make(members, members: [member])
        return try await MemberDetailView(req: members, member: member, rows: rows, showContact: MemberAccess.showsContact(members, member)).render()
    }

    /// The members' edit form for `member`, posting to Members and coming back to `returnTo` (a path of this site) after saving.
    public static func editForm(_ req: ModuleRequest, _ member: MemberRecord, returnTo: String) async throws -> HTML {
        let members = viewed(req)
        var values = MemberFormPages().values(of: member)
        if !MemberAccess.showsContact(members, member) {
            for column in MemberFormat.contactColumns { values.fields[column] = [MemberFormat.mask(member[column], kind: column)] }
        }
        let form = MemberForm(req: members, options: try await MemberFields.options(members), existing: member)
        return try await form.render(action: "/m/members/\(member.id)", values: values, errors: [:], returnTo: returnTo)
    }

    /// Sets the customer status (a code of the `customer_status` dictionary list); audited. Needs `edit` on the member.
    public static func setCustomerStatus(_ req: ModuleRequest, memberID: Int64, status: String) async throws {
        let members = viewed(req)
        let member = try await MemberAccess.load(members, "edit", id: memberID)
        let allowed = try await MemberFields.options(members)["customer_status"] ?? []
        guard allowed.contains(where: { $0.value == status }) else {
            throw ModuleError.validation(["customer_status": "\(members.t("field.customer_status"))：\(members.t("rule.option"))"])
        }
        try await req.transaction { tx in
            try await tx.db.update("members_member").set("customer_status", to: status).where("id", .equal, member.id).run()
            try await tx.audit(AuditEntry(module: "members", action: "member.status", target: "member:\(member.id)",
                                          before: member.customerStatus, after: status))
        }
        MemberListPages.invalidateCounts(members)
    }

    /// The options of the customer status list, in the user's language.
    public static func customerStatusOptions(_ req: ModuleRequest) async throws -> [SelectOption] {
        try await MemberFields.options(viewed(req))["customer_status"] ?? []
    }

    /// Records the member's contact times in the caller's transaction: last contact `at`, next contact `next` (nil clears either).
    public static func recordContact(_ tx: Transaction, memberID: Int64, at: Int64?, next: Int64?) async throws {
        try await tx.db.update("members_member").set("last_contact_at", to: SQLBind(at)).set("next_contact_at", to: SQLBind(next))
            .where("id", .equal, memberID).run()
    }

    /// Drops cached list counts after the caller changed member rows (e.g. contact times).
    public static func membersChanged(_ req: ModuleRequest) { MemberListPages.invalidateCounts(req) }
}
