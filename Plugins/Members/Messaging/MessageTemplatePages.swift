import Foundation
import PluginAPI
import SQLKit

/// 消息模板 (a settings page of the member messages): list, add, edit and delete templates; every change audited.
struct MessageTemplatePages: Sendable {
    func register(_ routes: inout RouteCollector) throws {
        try routes.get("/templates", .requires("messageTemplate", "view"), list)
        try routes.get("/templates/new", .requires("messageTemplate", "add"), newForm)
        try routes.post("/templates", .requires("messageTemplate", "add"), create)
        try routes.get("/templates/:template/edit", .requires("messageTemplate", "edit"), editForm)
        try routes.post("/templates/:template", .requires("messageTemplate", "edit"), update)
        try routes.post("/templates/:template/delete", .requires("messageTemplate", "delete"), delete)
    }

    @Sendable func list(_ req: ModuleRequest) async throws -> ModuleResponse {
        let params = ListParams(query: req.query, pageSize: 20, sortable: ["id", "name"], defaultSort: "name", defaultDescending: false)
        var query = ListQuery(table: MessageTemplate.table)
        if !req.query["q"].isEmpty { query.search(["name", "subject", "body"], contains: req.query["q"]) }
        let (total, capped) = try await query.count(req.db)
        let templates = try await query.fetch(req.db, columns: MessageTemplate.columns.map { SQLColumn($0) }, as: MessageTemplate.self,
                                              sort: SQLColumn(params.sort), descending: params.descending, limit: params.pageSize,
                                              offset: params.offset)
        let canEdit = req.access.isGranted("messageTemplate", "edit"), canDelete = req.access.isGranted("messageTemplate", "delete")
        let rows = templates.map { template in
            var actions: [RowAction] = []
            if canEdit { actions.append(RowAction(label: req.t("action.edit"), href: "\(req.base)/templates/\(template.id)/edit")) }
            if canDelete {
                actions.append(RowAction(label: req.t("action.delete"), href: "\(req.base)/templates/\(template.id)/delete", method: "post",
                                         confirm: req.uiStrings.confirmDelete, danger: true))
            }
            return TableRow(id: String(template.id), cells: [
                .text(template.name), .text(req.t("mass.channel.\(template.channel)")), .text(template.subject),
                .text(String(template.body.prefix(60))),
            ], actions: actions)
        }
        let table = PagedTable(columns: [
            TableColumn(key: "name", label: req.t("template.name"), sortable: true), TableColumn(key: "channel", label: req.t("mass.channel")),
            TableColumn(key: "subject", label: req.t("mass.subject")), TableColumn(key: "body", label: req.t("mass.body")),
        ], rows: rows, page: PageInfo(page: params.page, pageSize: params.pageSize, total: total, totalIsCapped: capped),
           baseURL: "\(req.base)/templates", query: req.query["q"].isEmpty ? [] : [("q", req.query["q"])], sort: params.sort,
           sortDescending: params.descending, csrfToken: req.csrfToken)
        let search = SearchForm(action: "\(req.base)/templates", fields: [
            FormField(name: "q", label: req.t("template.search"), value: req.query["q"]),
        ])
        let toolbar = req.access.isGranted("messageTemplate", "add")
            ? HTML.link(req.t("template.new"), href: "\(req.base)/templates/new", class: "btn primary") : .empty
        return .page(title: req.t("template.title"), body: search.render(strings: req.uiStrings) + table.render(strings: req.uiStrings),
                     toolbar: toolbar)
    }

    func form(_ req: ModuleRequest, title: String, action: String, values: FormData, errors: [String: String], status: Int = 200) -> ModuleResponse {
        let view = FormView(action: action, csrfToken: req.csrfToken, fields: [
            FormField(name: "name", label: req.t("template.name"), value: values["name"], required: true, error: errors["name"], maxLength: 50),
        ] + MessageTemplate.fields(req, values: values, errors: errors), submitLabel: req.t("action.save"), cancelHref: "\(req.base)/templates",
           formError: errors.isEmpty ? nil : req.uiStrings.formHasErrors)
        return .page(title: title, body: HTML.element("section", ["class": "card"], view.render(strings: req.uiStrings)), status: status)
    }

    @Sendable func newForm(_ req: ModuleRequest) async throws -> ModuleResponse {
        form(req, title: req.t("template.new"), action: "\(req.base)/templates", values: FormData(), errors: [:])
    }

    @Sendable func editForm(_ req: ModuleRequest) async throws -> ModuleResponse {
        let template = try await load(req)
        let values = FormData(fields: ["name": [template.name], "channel": [template.channel], "subject": [template.subject], "body": [template.body]])
        return form(req, title: req.t("template.edit"), action: "\(req.base)/templates/\(template.id)", values: values, errors: [:])
    }

    func load(_ req: ModuleRequest) async throws -> MessageTemplate {
        guard let template = try await MessageTemplate.find(try req.id("template"), db: req.db) else { throw ModuleError.notFound }
        return template
    }

    func validated(_ req: ModuleRequest) -> [String: String] {
        var v = Validator(language: req.language)
        v.required("name", req.form["name"], label: req.t("template.name"))
        v.length("name", req.form["name"], 0...50, label: req.t("template.name"))
        MessageTemplate.validate(req.form, &v, t: req.t)
        return v.errors
    }

    @Sendable func create(_ req: ModuleRequest) async throws -> ModuleResponse {
        let errors = validated(req)
        guard errors.isEmpty, let user = req.user else {
            return form(req, title: req.t("template.new"), action: "\(req.base)/templates", values: req.form, errors: errors, status: 422)
        }
        let f = req.form
        try await req.transaction { tx in
            let id = try await tx.db.insert(into: MessageTemplate.table).columns("name", "channel", "subject", "body", "updated_by", "updated_at")
                .values(SQLBind(f["name"]), SQLBind(f["channel"]), SQLBind(f["subject"]), SQLBind(f["body"]), SQLBind(user.id),
                        SQLBind(Int64(Date().timeIntervalSince1970)))
                .returning("id").first(decodingColumn: "id", as: Int64.self) ?? 0
            try await tx.audit(AuditEntry(module: "members", action: "template.add", target: "template:\(id)", after: f["name"]))
        }
        return .redirect("\(req.base)/templates", flash: .success(req.t("template.saved")))
    }

    @Sendable func update(_ req: ModuleRequest) async throws -> ModuleResponse {
        let template = try await load(req)
        let errors = validated(req)
        guard errors.isEmpty, let user = req.user else {
            return form(req, title: req.t("template.edit"), action: "\(req.base)/templates/\(template.id)", values: req.form, errors: errors,
                        status: 422)
        }
        let f = req.form
        try await req.transaction { tx in
            try await tx.db.update(MessageTemplate.table).set("name", to: f["name"]).set("channel", to: f["channel"])
                .set("subject", to: f["subject"]).set("body", to: f["body"]).set("updated_by", to: user.id)
                .set("updated_at", to: Int64(Date().timeIntervalSince1970)).where("id", .equal, template.id).run()
            try await tx.audit(AuditEntry(module: "members", action: "template.edit", target: "template:\(template.id)",
                                          before: "\(template.name)\n\(template.subject)\n\(template.body)", after: "\(f["name"])\n\(f["subject"])\n\(f["body"])"))
        }
        return .redirect("\(req.base)/templates", flash: .success(req.t("template.saved")))
    }

    @Sendable func delete(_ req: ModuleRequest) async throws -> ModuleResponse {
        let template = try await load(req)
        try await req.transaction { tx in
            try await tx.db.delete(from: MessageTemplate.table).where("id", .equal, template.id).run()
            try await tx.audit(AuditEntry(module: "members", action: "template.delete", target: "template:\(template.id)",
                                          before: "\(template.name)\n\(template.subject)\n\(template.body)"))
        }
        return .redirect("\(req.base)/templates", flash: .success(req.t("template.deleted")))
    }
}
