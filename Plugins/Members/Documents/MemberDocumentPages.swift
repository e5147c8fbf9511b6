import Foundation
import PluginAPI
import SQLKit

/// 证件资料: files attached to a member, listed and downloaded by users who may see the member's documents (the kernel
/// decides `viewDocuments` over the member's owners), uploaded and deleted with `manageDocuments`. Uploads, downloads and
/// deletions are audited.
struct MemberDocumentPages: Sendable {
    func register(_ routes: inout RouteCollector) throws {
        try routes.get("/:id/documents", .requires("member", "viewDocuments"), list)
        try routes.post("/:id/documents", .requires("member", "manageDocuments"), upload)
        try routes.get("/:id/documents/:document", .requires("member", "viewDocuments"), download)
        try routes.post("/:id/documents/:document/delete", .requires("member", "manageDocuments"), delete)
    }

    @Sendable func list(_ req: ModuleRequest) async throws -> ModuleResponse {
        let member = try await MemberAccess.load(req, "viewDocuments")
        return try await page(req, member, values: FormData(), errors: [:])
    }

    func page(_ req: ModuleRequest, _ member: MemberRecord, values: FormData, errors: [String: String], status: Int = 200) async throws
        -> ModuleResponse {
        let base = "\(req.base)/\(member.id)/documents"
        let params = ListParams(query: req.query, pageSize: 20, sortable: ["id"], defaultSort: "id")
        var query = ListQuery(table: MemberDocument.table)
        query.filter("member_id", .equal, member.id)
        let (total, capped) = try await query.count(req.db)
        let documents = try await query.fetch(req.db, columns: MemberDocument.columns.map { SQLColumn($0) }, as: MemberDocument.self,
                                              sort: SQLColumn("id"), descending: params.descending, limit: params.pageSize,
                                              offset: params.offset)
        let zone = req.site.timeZone
        let names = try await MemberStaff.names(req)
        let canManage = MemberAccess.decide(req, member, "manageDocuments") == .allowed
        let rows = documents.map { d in
            var actions = [RowAction(label: req.t("action.download"), href: "\(base)/\(d.id)")]
            if canManage {
                actions.append(RowAction(label: req.t("action.delete"), href: "\(base)/\(d.id)/delete", method: "post",
                                         confirm: req.t("document.confirmDelete").replacingOccurrences(of: "{name}", with: d.filename),
                                         danger: true))
            }
            return TableRow(id: String(d.id), cells: [
                .text(req.t("document.category.\(d.category)")), HTML.link(d.filename, href: "\(base)/\(d.id)"),
                .text(d.kind.uppercased()), .text(UIFormat.byteSize(d.size)), .text(names[d.uploaded_by] ?? "#\(d.uploaded_by)"),
                .text(AgencyTime.format(d.uploaded_at, timeZone: zone)),
            ], actions: actions)
        }
        let table = PagedTable(columns: [
            TableColumn(key: "category", label: req.t("document.category")), TableColumn(key: "filename", label: req.t("document.file")),
            TableColumn(key: "kind", label: req.t("document.kind")), TableColumn(key: "size", label: req.t("document.size"), numeric: true),
            TableColumn(key: "uploaded_by", label: req.t("document.uploadedBy")), TableColumn(key: "uploaded_at", label: req.t("document.uploadedAt")),
        ], rows: rows, page: PageInfo(page: params.page, pageSize: params.pageSize, total: total, totalIsCapped: capped), baseURL: base,
           csrfToken: req.csrfToken)
        var body = HTML.element("section", ["class": "card"], total == 0 ? HTML.element("p", ["class": "muted"], .text(req.t("document.none")))
                                                                          : table.render(strings: req.uiStrings))
        if canManage {
            let options = MemberDocument.categories.map { SelectOption(value: $0, label: req.t("document.category.\($0)")) }
            let form = FormView(action: base, csrfToken: req.csrfToken, fields: [
                FormField(name: "category", label: req.t("document.category"), kind: .select(options: options, allowEmpty: false),
                          value: values["category"], required: true, error: errors["category"]),
                FormField(name: "file", label: req.t("document.file"), kind: .file(accept: ".pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png"),
                          required: true, error: errors["file"], help: req.t("document.help")),
            ], submitLabel: req.t("document.upload"), cancelHref: "\(req.base)/\(member.id)", multipart: true)
            body += HTML.element("section", ["class": "card"], HTML.element("h2", [:], .text(req.t("document.upload"))) + form.render(strings: req.uiStrings))
        }
        return .page(title: "\(req.t("document.title")) · \(member.username) · UID \(member.id)", body: body,
                     toolbar: HTML.link(req.t("document.back"), href: "\(req.base)/\(member.id)", class: "btn"), status: status)
    }

    @Sendable func upload(_ req: ModuleRequest) async throws -> ModuleResponse {
        let member = try await MemberAccess.load(req, "manageDocuments")
        guard let user = req.user else { throw ModuleError.unauthenticated }
        var errors: [String: String] = [:]
        let category = req.form["category"]
        if !MemberDocument.categories.contains(category) { errors["category"] = req.t("document.error.category") }
        let file = req.form.files["file"]
        let kind = file.flatMap { MemberDocument.Kind(sniffing: $0.bytes) }
        if let file, !file.bytes.isEmpty {
            if file.bytes.count > MemberDocument.maxSize { errors["file"] = req.t("document.error.size") }
            else if kind == nil { errors["file"] = req.t("document.error.type") }
        } else {
            errors["file"] = req.t("document.error.missing")
        }
        guard errors.isEmpty, let file, let kind else { return try await page(req, member, values: req.form, errors: errors, status: 422) }
        let name = MemberDocument.storedName(file.filename, kind: kind)
        let now = Int64(Date().timeIntervalSince1970)
        try await req.transaction { tx in
            let id = try await tx.db.insert(into: MemberDocument.table)
                .columns("member_id", "category", "filename", "kind", "size", "content", "uploaded_by", "uploaded_at")
                .values(SQLBind(member.id), SQLBind(category), SQLBind(name), SQLBind(kind.rawValue), SQLBind(file.bytes.count),
                        SQLBind(Data(file.bytes)), SQLBind(user.id), SQLBind(now))
                .returning("id").first(decodingColumn: "id", as: Int64.self) ?? 0
            try await tx.audit(AuditEntry(module: "members", action: "member.document.upload", target: "member:\(member.id)",
                                          after: "document:\(id) \(category) \(name) \(file.bytes.count) bytes"))
        }
        return .redirect("\(req.base)/\(member.id)/documents", flash: .success(req.t("document.uploaded")))
    }

    @Sendable func download(_ req: ModuleRequest) async throws -> ModuleResponse {
        let member = try await MemberAccess.load(req, "viewDocuments")
        guard let document = try await MemberDocument.find(try req.id("document"), member: member.id, db: req.db),
              let kind = MemberDocument.Kind(rawValue: document.kind) else { throw ModuleError.notFound }
        // The download is recorded before the bytes leave: who read which member's file.
        let content = try await req.transaction { tx in
            try await tx.audit(AuditEntry(module: "members", action: "member.document.download", target: "member:\(member.id)",
                                          after: "document:\(document.id) \(document.filename)"))
            return try await MemberDocument.content(document.id, db: tx.db)
        }
        guard let content else { throw ModuleError.notFound }
        return .file(content, contentType: kind.contentType, filename: document.filename)
    }

    @Sendable func delete(_ req: ModuleRequest) async throws -> ModuleResponse {
        let member = try await MemberAccess.load(req, "manageDocuments")
        guard let document = try await MemberDocument.find(try req.id("document"), member: member.id, db: req.db) else {
            throw ModuleError.notFound
        }
        try await req.transaction { tx in
            try await tx.db.delete(from: MemberDocument.table).where("id", .equal, document.id).run()
            try await tx.audit(AuditEntry(module: "members", action: "member.document.delete", target: "member:\(member.id)",
                                          before: "document:\(document.id) \(document.category) \(document.filename) \(document.size) bytes"))
        }
        return .redirect("\(req.base)/\(member.id)/documents", flash: .success(req.t("document.deleted")))
    }
}
