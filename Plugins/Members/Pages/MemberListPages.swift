import Foundation
import PluginAPI
import Settings
import SQLKit

/// 会员列表 with the shared search form, and the member page.
struct MemberListPages: Sendable {
    func register(_ routes: inout RouteCollector) throws {
        try routes.get("/", .requires("member", "view"), list)
        try routes.get("/:id", .requires("member", "view"), show)
        try routes.post("/:id/delete", .requires("member", "delete"), delete)
        try routes.post("/delete-selected", .requires("member", "delete"), deleteSelected)
        try routes.post("/:id/avatar-review", .requires("member", "audit"), reviewAvatar)
        try routes.get("/:id/avatar", .requires("member", "view"), avatar)
    }

    /// One page of the current search (visibility applied), the count capped at 10,000.
    static func search(_ req: ModuleRequest, listKey: String = "all", scope: MemberScope = .anyOwner,
                       extra: (inout ListQuery) -> Void = { _ in }) async throws
        -> (members: [MemberRecord], page: PageInfo, params: ListParams, search: MemberSearch) {
        let site = req.site
        var searcher = MemberSearch(req: req, today: MemberFormat.today(timeZone: site.timeZone))
        searcher.scope = scope
        var list = searcher.listQuery(timeZone: site.timeZone)
        extra(&list)
        let params = ListParams(query: req.query, pageSize: site.int("page_size.members", in: 5...200), sortable: MemberSearch.sortable,
                                defaultSort: "id")
        // The capped count is kept a few seconds per user and search (paging through results does not recount);
        // every member write in this process drops it.
        let filters = searcher.activeFilters.map { "\($0.0)=\($0.1)" }.joined(separator: "&")
        let countKey = "\(Self.countCachePrefix)\(req.user?.id ?? 0).\(listKey).\(filters)"
        let counted = list
        let (total, capped) = try await req.host.cache.value(countKey, maxAge: .seconds(10)) {
            let result = try await counted.count(req.db)
            return CountResult(total: result.total, capped: result.capped)
        }.pair
        // Many matches: walk the sort order and stop after one page instead of sorting every match.
        if total > req.settings.int("search_walk_threshold", Self.walkThreshold) {
            list = searcher.listQuery(timeZone: site.timeZone, walkSortOrder: true)
            extra(&list)
        }
        // The page's ids first, then only those rows: sorting whole rows would read every match's row (3,206 of them for a
        // search finding 3,206), where the ids alone come from the search index without reading one.
        let direction: SQLDirection = params.descending ? .descending : .ascending
        let pageIDs = list.pageIDs(sort: params.sort, descending: params.descending, limit: params.pageSize, offset: params.offset)
        let rows = try await req.db.select().column(MemberRecord.listSelection).from("members_member")
            .where(SQLColumn("id"), .in, pageIDs)
            .orderBy(SQLColumn(params.sort), direction).orderBy(SQLColumn("id"), direction).all()
        let members = try rows.map { try MemberRecord(row: $0) }
        return (members, PageInfo(page: params.page, pageSize: params.pageSize, total: total, totalIsCapped: capped), params, searcher)
    }

    static let countCachePrefix = "members.count."

    /// Drops cached counts after a member write.
    static func invalidateCounts(_ req: ModuleRequest) { req.host.cache.invalidate(prefix: countCachePrefix) }

    struct CountResult: Sendable {
        let total: Int
        let capped: Bool
        var pair: (Int, Bool) { (total, capped) }
    }

    /// Above this many matches the page query walks the sort order (see `ListQuery.walkSortOrder`). Below it, sorting the
    /// matches found through the search index is cheaper than walking the table until a page of them turns up: on a million
    /// members a search finding 3,206 takes 0.6 ms sorted and 7 ms walked; the two meet near 10,000, where counts are capped.
    static let walkThreshold = 9_999

    @Sendable func list(_ req: ModuleRequest) async throws -> ModuleResponse {
        let canEdit = req.access.isGranted("member", "edit"), canDelete = req.access.isGranted("member", "delete")
        var batch = canDelete ? [BatchAction(label: req.t("action.deleteSelected"), action: "\(req.base)/delete-selected",
                                             confirm: req.uiStrings.confirmDelete, danger: true)] : []
        let canMessage = req.access.isGranted("massMessage", "send")
        if canMessage { batch.insert(BatchAction(label: req.t("mass.selectedRows"), action: "\(req.base)/mass/new"), at: 0) }
        let (body, searcher) = try await Self.listBody(req, listKey: "all", formAction: req.base + "/", linkBase: req.base,
                                                       batchActions: batch) { m in
            var actions = [RowAction(label: req.t("action.view"), href: "\(req.base)/\(m.id)")]
            if canEdit, MemberAccess.decide(req, m, "edit") == .allowed {
                actions.append(RowAction(label: req.t("action.edit"), href: "\(req.base)/\(m.id)/edit"))
            }
            if canDelete, MemberAccess.decide(req, m, "delete") == .allowed {
                actions.append(RowAction(label: req.t("action.delete"), href: "\(req.base)/\(m.id)/delete", method: "post",
                                         confirm: req.uiStrings.confirmDelete, danger: true))
            }
            return actions
        }
        var toolbar = HTML.empty
        if req.access.isGranted("member", "add") { toolbar += HTML.link(req.t("action.add"), href: "\(req.base)/new", class: "btn primary") + HTML(raw: " ") }
        if canMessage {
            toolbar += HTML.link(req.t("mass.searchResult"), href: QueryItem.url("\(req.base)/mass/new", searcher.activeFilters.map { QueryItem($0.0, $0.1) }),
                                 class: "btn") + HTML(raw: " ")
        }
        if req.access.isGranted("member", "export") {
            toolbar += HTML.link(req.t("action.export"), href: QueryItem.url("\(req.base)/export.csv", searcher.activeFilters.map { QueryItem($0.0, $0.1) }),
                                 class: "btn")
        }
        return .page(title: req.t("list.title"), body: body, toolbar: toolbar)
    }

    /// The search form and one page of matching members: the body of every member list, here and in other modules.
    /// `req` is seen as Members (`asModule("members")`); `formAction` and `linkBase` are the caller's URLs.
    static func listBody(_ req: ModuleRequest, listKey: String, formAction: String, linkBase: String, scope: MemberScope = .anyOwner,
                         extra: (inout ListQuery) -> Void = { _ in }, batchActions: [BatchAction] = [],
                         actions: (MemberRecord) -> [RowAction]) async throws -> (HTML, MemberSearch) {
        let (members, page, params, searcher) = try await search(req, listKey: listKey, scope: scope, extra: extra)
        var rows = try await MemberRows.make(req, members: members)
        rows.linkBase = linkBase
        let table = PagedTable(
            columns: MemberRows.columns(req),
            rows: members.map { m in TableRow(id: String(m.id), cells: rows.cells(m), actions: actions(m)) },
            page: page, baseURL: formAction, query: searcher.activeFilters, sort: params.sort, sortDescending: params.descending,
            batchActions: batchActions, csrfToken: req.csrfToken)
        let strings = req.uiStrings
        return (try await searcher.form(action: formAction).render(strings: strings) + table.render(strings: strings), searcher)
    }

    @Sendable func show(_ req: ModuleRequest) async throws -> ModuleResponse {
        let member = try await MemberAccess.load(req, "view")
        let rows = try await MemberRows.make(req, members: [member])
        let view = MemberDetailView(req: req, member: member, rows: rows, showContact: MemberAccess.showsContact(req, member))
        var toolbar = HTML.empty
        if MemberAccess.decide(req, member, "edit") == .allowed {
            toolbar += HTML.link(req.t("action.edit"), href: "\(req.base)/\(member.id)/edit", class: "btn primary")
        }
        if MemberAccess.decide(req, member, "viewDocuments") == .allowed {
            toolbar += HTML(raw: " ") + HTML.link(req.t("document.title"), href: "\(req.base)/\(member.id)/documents", class: "btn")
        }
        if !member.avatar.isEmpty, member.avatarStatus == "pending", MemberAccess.decide(req, member, "audit") == .allowed {
            for decision in ["approved", "rejected"] {
                toolbar += HTML(raw: " <form method=\"post\" class=\"inline-form\" action=\"\(req.base)/\(member.id)/avatar-review\"><input type=\"hidden\" name=\"_csrf\" value=\"\(escapeAttr(req.csrfToken))\"><input type=\"hidden\" name=\"decision\" value=\"\(decision)\"><button class=\"btn\" type=\"submit\">\(escapeHTML(req.t("avatar.review.\(decision)")))</button></form>")
            }
        }
        return .page(title: "\(member.username) · UID \(member.id)", body: try await view.render(), toolbar: toolbar)
    }

    /// The member's photo, to a user who may see the member (404 otherwise: the photo's `/uploads/…` path serves nobody).
    @Sendable func avatar(_ req: ModuleRequest) async throws -> ModuleResponse {
        let member = try await MemberAccess.load(req, "view")
        guard !member.avatar.isEmpty, let image = req.host.loadImage(member.avatar) else { throw ModuleError.notFound }
        return .file(Data(image.data), contentType: image.contentType, filename: nil)
    }

    /// Approves or rejects a pending avatar; only approved avatars are shown outside the staff UI. A rejected photo is deleted.
    @Sendable func reviewAvatar(_ req: ModuleRequest) async throws -> ModuleResponse {
        let member = try await MemberAccess.load(req, "audit")
        let decision = req.form["decision"]
        guard ["approved", "rejected"].contains(decision), !member.avatar.isEmpty else {
            return .redirect("\(req.base)/\(member.id)", flash: .error(req.t("avatar.nothing")))
        }
        try await req.transaction { tx in
            let update = tx.db.update("members_member").set("avatar_status", to: decision)
            if decision == "rejected" { update.set("avatar", to: "") }
            try await update.where("id", .equal, member.id).run()
            try await tx.audit(AuditEntry(module: "members", action: "member.avatar.\(decision)", target: "member:\(member.id)",
                                          before: member.avatarStatus, after: decision))
        }
        if decision == "rejected" { await req.host.discardImage(member.avatar, audience: .module) }
        return .redirect("\(req.base)/\(member.id)", flash: .success(req.t("avatar.\(decision)")))
    }

    @Sendable func delete(_ req: ModuleRequest) async throws -> ModuleResponse {
        let member = try await MemberAccess.load(req, "delete")
        if let refusal = try await Self.remove(req, member) {
            return .redirect("\(req.base)/\(member.id)", flash: .error(refusal))
        }
        return .redirect(req.base + "/", flash: .success(req.t("flash.deleted")))
    }

    /// Deletes the ticked members one by one under the same rule as a single delete, and reports which were kept and why.
    @Sendable func deleteSelected(_ req: ModuleRequest) async throws -> ModuleResponse {
        var seen = Set<Int64>()
        let ids = req.form.all("ids").compactMap { Int64($0) }.filter { seen.insert($0).inserted }.prefix(500)
        guard !ids.isEmpty else { return .redirect(req.base + "/", flash: .error(req.t("flash.noneSelected"))) }
        var deleted = 0
        var kept: [String] = []
        // Every ticked member in one query (whole rows, as a single delete audits them), then one transaction each.
        let found = try await req.db.select().column("*").from("members_member").where("id", .in, Array(ids)).all()
            .map { try MemberRecord(row: $0) }
        let byID = Dictionary(found.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        for id in ids {
            guard let member = byID[id], MemberAccess.decide(req, member, "delete") == .allowed else {
                kept.append("UID \(id)：\(req.t("flash.deleteNotAllowed"))")
                continue
            }
            if let refusal = try await Self.remove(req, member) { kept.append("\(member.username)（UID \(member.id)）：\(refusal)") } else { deleted += 1 }
        }
        let summary = req.t("flash.deletedSome").replacingOccurrences(of: "{n}", with: String(deleted))
        guard !kept.isEmpty else { return .redirect(req.base + "/", flash: .success(summary)) }
        let keptText = req.t("flash.keptSome").replacingOccurrences(of: "{n}", with: String(kept.count))
        return .redirect(req.base + "/", flash: .error("\(summary) \(keptText) " + kept.joined(separator: "；")))
    }

    /// Deletes `member` in one transaction, unless a module holding it refuses (its message is returned, nothing deleted).
    static func remove(_ req: ModuleRequest, _ member: MemberRecord) async throws -> String? {
        do {
            try await req.transaction { tx in
                // Modules whose records hold the member refuse here (a contract with its payments), rolling everything back.
                try await tx.publish(Event("member.deleting", ["member_id": String(member.id), "language": req.language.rawValue]))
                try await tx.db.delete(from: "members_member").where("id", .equal, member.id).run()
                try await tx.audit(AuditEntry(module: "members", action: "member.delete", target: "member:\(member.id)",
                                              before: Self.snapshot(member)))
            }
        } catch let error as ModuleError where error.status == 409 {
            return error.message ?? req.t("flash.deleteRefused")
        }
        if !member.avatar.isEmpty { await req.host.discardImage(member.avatar, audience: .module) }
        invalidateCounts(req)
        return nil
    }

    /// What a deleted member was, for the audit log: the profile and owners as JSON, without contact data or the ID card
    /// (the audit log is read by people who may not see those).
    static func snapshot(_ member: MemberRecord) -> String {
        var object: [String: Any] = ["id": member.id, "username": member.username, "gender": member.gender,
                                     "customer_status": member.customerStatus, "signed": member.signed, "registered_at": member.registeredAt]
        for (column, value) in member.fields where !MemberFormat.contactColumns.contains(column) && !value.isEmpty { object[column] = value }
        for (column, value) in member.numbers { object[column] = value }
        if let owner = member.ownerID { object["owner_id"] = owner }
        if let owner = member.aftersaleOwnerID { object["aftersale_owner_id"] = owner }
        let data = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])) ?? Data()
        return String(decoding: data, as: UTF8.self)
    }
}
