import Foundation
import Kernel
import PluginAPI
import SQLKit

/// 会员分配/调配 (manual 3.2): pre-sale and after-sale allocation lists, batch allocation, re-allocation, allocation records.
struct AllocationPages: Sendable {
    enum Kind: String, Sendable {
        case presale, aftersale
        var action: String { self == .presale ? "allocatePresale" : "allocateAftersale" }
        var ownerColumn: String { self == .presale ? "owner_id" : "aftersale_owner_id" }
        var timeColumn: String { self == .presale ? "allocated_at" : "aftersale_allocated_at" }
    }

    func register(_ routes: inout RouteCollector) throws {
        for kind in [Kind.presale, .aftersale] {
            try routes.get("/allocation/\(kind.rawValue)", .requires("member", kind.action)) { req in try await list(req, kind) }
            try routes.post("/allocation/\(kind.rawValue)", .requires("member", kind.action)) { req in try await allocate(req, kind) }
        }
        try routes.get("/allocations", .requires("member", "view"), records)
    }

    /// The shared allocation dialog, judged by the kind's allocate action on members.
    static func allocation(_ kind: Kind) -> BatchAllocation {
        BatchAllocation(resource: "member", action: kind.action, noneSelected: LocalizedText(zh: "请先勾选会员。", en: "Select at least one member."))
    }

    /// The members of one allocation list, with the kernel's predicate for the allocate action.
    func list(_ req: ModuleRequest, _ kind: Kind, errors: [String: String] = [:], status: Int = 200) async throws -> ModuleResponse {
        let allocated = req.query["state"] == "allocated"
        let (members, page, params, searcher) = try await MemberListPages.search(req, listKey: "\(kind.rawValue).\(allocated)") { list in
            list.filter(MemberAccess.predicate(req, action: kind.action))
            list.filter("signed", .equal, kind == .presale ? 0 : 1)
            list.filter(SQLBinaryExpression(SQLColumn(kind.ownerColumn), allocated ? .isNot : .is, SQLLiteral.null))
        }
        let rows = try await MemberRows.make(req, members: members)
        var table = PagedTable(columns: MemberRows.columns(req), rows: members.map { TableRow(id: String($0.id), cells: rows.cells($0)) },
                               page: page, baseURL: "\(req.base)/allocation/\(kind.rawValue)",
                               query: [("state", allocated ? "allocated" : "unallocated")] + searcher.activeFilters,
                               sort: params.sort, sortDescending: params.descending,
                               batchActions: [BatchAction(label: req.t(allocated ? "alloc.reallocate" : "alloc.allocate"),
                                                          action: "\(req.base)/allocation/\(kind.rawValue)?state=\(allocated ? "allocated" : "unallocated")",
                                                          confirm: req.t("alloc.confirm"))],
                               csrfToken: req.csrfToken)
        table.batchFields = try await Self.allocation(kind).fields(req, errors: errors)
        let form = try await searcher.form(action: "\(req.base)/allocation/\(kind.rawValue)", extraHidden: ["state": allocated ? "allocated" : "unallocated"])
        let title = req.t("alloc.title.\(kind.rawValue).\(allocated ? "allocated" : "unallocated")")
        let summary = BatchAllocation.summary(errors)
        return .page(title: title, body: summary + form.render(strings: req.uiStrings) + table.render(strings: req.uiStrings), status: status)
    }

    /// Allocates the selected members to one matchmaker: all or nothing, each recorded and audited.
    func allocate(_ req: ModuleRequest, _ kind: Kind) async throws -> ModuleResponse {
        let choice = try await Self.allocation(kind).read(req)
        guard let picked = choice.value, let user = req.user else { return try await list(req, kind, errors: choice.errors, status: 422) }
        let ids = picked.ids, target = picked.target, remark = picked.remark
        // Every selected member must be visible to the allocator with the allocate action, and in the right pool.
        var members: [MemberRecord] = []
        // One query for the whole batch, then the kernel's decision per member.
        let found = try await req.db.select().column("*").from("members_member").where("id", .in, ids).all().map { try MemberRecord(row: $0) }
        let byID = Dictionary(found.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        for id in ids {
            guard let member = byID[id] else { throw ModuleError.notFound }
            try MemberAccess.require(req, member, kind.action)
            if (kind == .presale && member.signed) || (kind == .aftersale && !member.signed) {
                throw ModuleError.conflict(req.t("alloc.wrongPool").replacingOccurrences(of: "{uid}", with: String(id)))
            }
            members.append(member)
        }
        let chosen = members
        let count = try await req.transaction { tx in
            let now = Int64(Date().timeIntervalSince1970)
            for member in chosen {
                let from = kind == .presale ? member.ownerID : member.aftersaleOwnerID
                try await tx.db.update("members_member").set(SQLIdentifier(kind.ownerColumn), to: SQLBind(target.id))
                    .set(SQLIdentifier(kind.timeColumn), to: SQLBind(now)).where("id", .equal, member.id).run()
                try await tx.db.insert(into: "members_allocation").columns("member_id", "kind", "from_owner", "to_owner", "by_user", "at", "remark")
                    .values(SQLBind(member.id), SQLBind(from == nil ? kind.rawValue : "\(kind.rawValue)_change"), SQLBind(from), SQLBind(target.id),
                            SQLBind(user.id), SQLBind(now), SQLBind(remark)).run()
                try await tx.publish(Event("member.allocated", ["member_id": String(member.id), "kind": kind.rawValue, "to": String(target.id)]))
            }
            try await tx.audit(AuditEntry(module: "members", action: "member.allocate.\(kind.rawValue)", target: "staff:\(target.id)",
                                          before: chosen.map { "\($0.id):\((kind == .presale ? $0.ownerID : $0.aftersaleOwnerID).map(String.init) ?? "-")" }.joined(separator: ","),
                                          after: "\(chosen.count) members → \(target.login); \(remark)"))
            return chosen.count
        }
        MemberListPages.invalidateCounts(req)
        let state = req.query["state"].isEmpty ? "unallocated" : req.query["state"]
        return .redirect("\(req.base)/allocation/\(kind.rawValue)?state=\(state)",
                         flash: .success(req.t("alloc.done").replacingOccurrences(of: "{n}", with: String(count)).replacingOccurrences(of: "{name}", with: target.name)))
    }

    /// Allocation records of visible members, searchable by member, matchmaker, kind and date.
    @Sendable func records(_ req: ModuleRequest) async throws -> ModuleResponse {
        struct Row: Decodable { let id: Int64; let member_id: Int64; let username: String; let kind: String; let from_owner: Int64?; let to_owner: Int64; let by_user: Int64; let at: Int64; let remark: String }
        let site = req.site
        var list = ListQuery(from: SQLRaw("members_allocation a JOIN members_member m ON m.id = a.member_id"))
        list.filter(MemberAccess.predicate(req, table: "m"))
        if let uid = Int64(req.query["uid"]) { list.filter(SQLBinaryExpression(SQLColumn("member_id", table: "a"), .equal, SQLBind(uid))) }
        if let to = Int64(req.query["to"]) { list.filter(SQLBinaryExpression(SQLColumn("to_owner", table: "a"), .equal, SQLBind(to))) }
        if ["presale", "aftersale", "presale_change", "aftersale_change"].contains(req.query["kind"]) {
            list.filter(SQLBinaryExpression(SQLColumn("kind", table: "a"), .equal, SQLBind(req.query["kind"])))
        }
        if let from = MemberSearch.dayStart(req.query["from"], site.timeZone) { list.filter(SQLBinaryExpression(SQLColumn("at", table: "a"), .greaterThanOrEqual, SQLBind(from))) }
        if let to = MemberSearch.dayStart(req.query["until"], site.timeZone) { list.filter(SQLBinaryExpression(SQLColumn("at", table: "a"), .lessThan, SQLBind(to + 86_400))) }
        let params = ListParams(query: req.query, pageSize: site.int("page_size.members", in: 5...200), sortable: ["at"], defaultSort: "at")
        let (total, capped) = try await list.count(req.db)
        let rows = try await list.fetch(req.db, columns: [SQLColumn("id", table: "a"), SQLColumn("member_id", table: "a"), SQLColumn("username", table: "m"),
                                                          SQLColumn("kind", table: "a"), SQLColumn("from_owner", table: "a"), SQLColumn("to_owner", table: "a"),
                                                          SQLColumn("by_user", table: "a"), SQLColumn("at", table: "a"), SQLColumn("remark", table: "a")],
                                        as: Row.self, sort: SQLColumn("at", table: "a"), descending: params.descending, tieBreaker: SQLColumn("id", table: "a"),
                                        limit: params.pageSize, offset: params.offset)
        let names = try await MemberStaff.names(req)
        func name(_ id: Int64?) -> String { id.map { names[$0] ?? "#\($0)" } ?? "—" }
        let staffOptions = try await MemberStaff.visibleOptions(req)
        let kinds = ["presale", "aftersale", "presale_change", "aftersale_change"].map { SelectOption(value: $0, label: req.t("alloc.kind.\($0)")) }
        let search = SearchForm(action: "\(req.base)/allocations", fields: [
            FormField(name: "uid", label: "UID", kind: .number, value: req.query["uid"]),
            FormField(name: "to", label: req.t("alloc.to"), kind: .select(options: staffOptions, allowEmpty: true), value: req.query["to"]),
            FormField(name: "kind", label: req.t("alloc.kind"), kind: .select(options: kinds, allowEmpty: true), value: req.query["kind"]),
            FormField(name: "from", label: req.t("alloc.time"), kind: .range(toName: "until", toValue: req.query["until"]), value: req.query["from"]),
        ])
        let table = PagedTable(
            columns: [TableColumn(key: "at", label: req.t("alloc.time"), sortable: true), TableColumn(key: "member", label: req.t("field.username")),
                      TableColumn(key: "kind", label: req.t("alloc.kind")), TableColumn(key: "from", label: req.t("alloc.from")),
                      TableColumn(key: "to", label: req.t("alloc.to")), TableColumn(key: "by", label: req.t("alloc.by")),
                      TableColumn(key: "remark", label: req.t("alloc.remark"))],
            rows: rows.map { r in
                TableRow(id: String(r.id), cells: [.text(AgencyTime.format(r.at, timeZone: site.timeZone)), HTML.link("\(r.username) (\(r.member_id))", href: "\(req.base)/\(r.member_id)"),
                                                   .text(req.t("alloc.kind.\(r.kind)")), .text(name(r.from_owner)), .text(name(r.to_owner)), .text(name(r.by_user)), .text(r.remark)])
            },
            page: PageInfo(page: params.page, pageSize: params.pageSize, total: total, totalIsCapped: capped), baseURL: "\(req.base)/allocations",
            query: ["uid", "to", "kind", "from", "until"].compactMap { req.query[$0].isEmpty ? nil : ($0, req.query[$0]) },
            sort: params.sort, sortDescending: params.descending)
        return .page(title: req.t("alloc.records"), body: search.render(strings: req.uiStrings) + table.render(strings: req.uiStrings))
    }
}
