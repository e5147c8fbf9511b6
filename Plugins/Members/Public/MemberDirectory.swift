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
