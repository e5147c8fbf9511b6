import PluginAPI
import SQLKit

/// 数据字典: named option lists edited by administrators and read by other modules' forms and filters.
struct DictionaryPages: Sendable {
    func register(_ routes: inout RouteCollector) throws {
        try routes.get("/dictionary", .requires("dictionary", "view"), lists)
        try routes.get("/dictionary/:key", .requires("dictionary", "view"), options)
        try routes.post("/dictionary/:key/options", .requires("dictionary", "add"), add)
        try routes.get("/dictionary/:key/options/:id/edit", .requires("dictionary", "edit"), editForm)
        try routes.post("/dictionary/:key/options/:id", .requires("dictionary", "edit"), update)
        try routes.post("/dictionary/:key/options/:id/delete", .requires("dictionary", "delete"), delete)
        try routes.post("/dictionary/:key/batch-delete", .requires("dictionary", "delete"), batchDelete)
        try routes.api(.get, "/dictionary/:key", .requires("dictionary", "view"), doc: Self.optionsDoc, apiOptions)
    }

    /// `GET /api/settings/dictionary/:key` in the OpenAPI document.
    static let optionsDoc = APIDoc(
        "The options of a data dictionary list, in display order",
        query: [APIParameter("all", .oneOf(["1", "0", "true", "false", "on"]), "1: disabled options too")],
        response: .array(.object(["id": .integer, "code": .string, "labelZh": .string, "labelEn": .string, "sortOrder": .integer, "enabled": .boolean],
                                 required: ["id", "code", "labelZh", "labelEn", "sortOrder", "enabled"])))

    struct ListRow: Decodable, Sendable { let key: String; let name_zh: String; let name_en: String; let n: Int }

    @Sendable func lists(_ req: ModuleRequest) async throws -> ModuleResponse {
        var list = ListQuery(table: "settings_dict_list")
        list.search(["key", "name_zh", "name_en"], contains: req.query["q"])
        let rows = try await req.db.select()
            .columns(SQLColumn("key", table: "settings_dict_list"), SQLColumn("name_zh"), SQLColumn("name_en"))
            .column(SQLSubquery.select { $0.column(SQLFunction("COUNT", args: SQLLiteral.all)).from("settings_dict_option")
                .where(SQLColumn("list_key", table: "settings_dict_option"), .equal, SQLColumn("key", table: "settings_dict_list")) }, as: "n")
            .from("settings_dict_list").where(list.predicate).orderBy("sort_order").all(decoding: ListRow.self)
        let search = SearchForm(action: "\(req.base)/dictionary", fields: [FormField(name: "q", label: req.t("dict.search"), value: req.query["q"])])
        let table = PagedTable(
            columns: [TableColumn(key: "name", label: req.t("dict.list")), TableColumn(key: "key", label: req.t("dict.key")),
                      TableColumn(key: "n", label: req.t("dict.count"), numeric: true)],
            rows: rows.map { row in
                TableRow(id: row.key, cells: [HTML.link(req.language == .en ? row.name_en : row.name_zh, href: "\(req.base)/dictionary/\(row.key)"),
                                              .text(row.key), .text(String(row.n))])
            },
            page: PageInfo(page: 1, pageSize: max(rows.count, 1), total: rows.count), baseURL: "\(req.base)/dictionary")
        return .page(title: req.t("dict.title"), body: search.render(strings: req.uiStrings) + table.render(strings: req.uiStrings))
    }

    func listName(_ req: ModuleRequest) async throws -> (key: String, name: String) {
        let key = req.parameters["key"] ?? ""
        guard let row = try await req.db.select().columns("key", "name_zh", "name_en").from("settings_dict_list").where("key", .equal, key)
            .first(decoding: ListRow.NoCount.self) else { throw ModuleError.notFound }
        return (row.key, req.language == .en ? row.name_en : row.name_zh)
    }

    func optionFields(_ req: ModuleRequest, values: FormData, errors: [String: String], includeCode: Bool) -> [FormField] {
        var fields: [FormField] = []
        if includeCode {
            fields.append(FormField(name: "code", label: req.t("dict.code"), value: values["code"], required: true, error: errors["code"],
                                    help: req.t("dict.codeRule"), maxLength: 40))
        }
        fields += [
            FormField(name: "label_zh", label: req.t("dict.labelZh"), value: values["label_zh"], required: true, error: errors["label_zh"], maxLength: 60),
            FormField(name: "label_en", label: req.t("dict.labelEn"), value: values["label_en"], required: true, error: errors["label_en"], maxLength: 60),
            FormField(name: "sort_order", label: req.t("dict.sortOrder"), kind: .number, value: values["sort_order"].isEmpty ? "0" : values["sort_order"],
                      error: errors["sort_order"]),
            FormField(name: "enabled", label: req.t("dict.enabled"), kind: .checkbox, value: values["enabled"]),
        ]
        return fields
    }

    func validate(_ req: ModuleRequest, listKey: String, creating: Bool) async throws -> [String: String] {
        let f = req.form
        var v = Validator(language: req.language)
        if creating {
            v.required("code", f["code"], label: req.t("dict.code"))
            v.pattern("code", f["code"], "[a-z][a-z0-9_]{0,39}", label: req.t("dict.code"),
                      rule: LocalizedText(zh: "小写字母开头，只含小写字母、数字和下划线，最多 40 位。", en: "a lowercase letter, then lowercase letters, digits or underscores, at most 40."))
            if v.errors["code"] == nil, try await req.db.select().column("id").from("settings_dict_option")
                .where("list_key", .equal, listKey).where("code", .equal, f["code"]).first() != nil {
                v.add("code", req.t("dict.codeTaken"))
            }
        }
        v.required("label_zh", f["label_zh"], label: req.t("dict.labelZh"))
        v.length("label_zh", f["label_zh"], 1...60, label: req.t("dict.labelZh"))
        v.required("label_en", f["label_en"], label: req.t("dict.labelEn"))
        v.length("label_en", f["label_en"], 1...60, label: req.t("dict.labelEn"))
        v.integer("sort_order", f["sort_order"], -99_999...99_999, label: req.t("dict.sortOrder"))
        return v.errors
    }

    func optionsPage(_ req: ModuleRequest, addValues: FormData = FormData(fields: ["enabled": ["1"]]), errors: [String: String] = [:],
                     status: Int = 200) async throws -> ModuleResponse {
        let (key, name) = try await listName(req)
        let all = try await DictionaryService.all(key, db: req.db, includeDisabled: true)
        let canEdit = req.access.isGranted("dictionary", "edit"), canDelete = req.access.isGranted("dictionary", "delete")
        let table = PagedTable(
            columns: [TableColumn(key: "code", label: req.t("dict.code")), TableColumn(key: "zh", label: req.t("dict.labelZh")),
                      TableColumn(key: "en", label: req.t("dict.labelEn")), TableColumn(key: "sort", label: req.t("dict.sortOrder"), numeric: true),
                      TableColumn(key: "enabled", label: req.t("dict.enabled"))],
            rows: all.map { option in
                var actions: [RowAction] = []
                if canEdit { actions.append(RowAction(label: req.t("dict.edit"), href: "\(req.base)/dictionary/\(key)/options/\(option.id)/edit")) }
                if canDelete {
                    actions.append(RowAction(label: req.t("dict.delete"), href: "\(req.base)/dictionary/\(key)/options/\(option.id)/delete",
                                             method: "post", confirm: req.uiStrings.confirmDelete, danger: true))
                }
                return TableRow(id: String(option.id), cells: [.text(option.code), .text(option.labelZh), .text(option.labelEn), .text(String(option.sortOrder)),
                                                               Badge(text: req.t(option.enabled ? "dict.on" : "dict.off"), kind: option.enabled ? .ok : .off).render()],
                                actions: actions)
            },
            page: PageInfo(page: 1, pageSize: max(all.count, 1), total: all.count), baseURL: "\(req.base)/dictionary/\(key)",
            batchActions: canDelete ? [BatchAction(label: req.t("dict.deleteSelected"), action: "\(req.base)/dictionary/\(key)/batch-delete",
                                                   confirm: req.uiStrings.confirmDelete, danger: true)] : [],
            csrfToken: req.csrfToken)
        var body = table.render(strings: req.uiStrings)
        if req.access.isGranted("dictionary", "add") {
            let form = FormView(action: "\(req.base)/dictionary/\(key)/options", csrfToken: req.csrfToken,
                                fields: optionFields(req, values: addValues, errors: errors, includeCode: true), submitLabel: req.t("dict.add"),
                                formError: errors.isEmpty ? nil : req.uiStrings.formHasErrors, id: "add-option")
            body += HTML(raw: "<section class=\"card\"><h2>\(escapeHTML(req.t("dict.add")))</h2>") + form.render(strings: req.uiStrings) + HTML(raw: "</section>")
        }
        return .page(title: "\(req.t("dict.title")) · \(name)", body: body, status: status)
    }

    @Sendable func options(_ req: ModuleRequest) async throws -> ModuleResponse { try await optionsPage(req) }

    @Sendable func apiOptions(_ req: ModuleRequest) async throws -> ModuleResponse {
        let (key, _) = try await listName(req)
        return try .json(try await DictionaryService.all(key, db: req.db, includeDisabled: req.query.bool("all")))
    }

    @Sendable func add(_ req: ModuleRequest) async throws -> ModuleResponse {
        let (key, _) = try await listName(req)
        let errors = try await validate(req, listKey: key, creating: true)
        guard errors.isEmpty else { return try await optionsPage(req, addValues: req.form, errors: errors, status: 422) }
        let f = req.form
        try await req.transaction { tx in
            try await tx.db.insert(into: "settings_dict_option").columns("list_key", "code", "label_zh", "label_en", "sort_order", "enabled")
                .values(SQLBind(key), SQLBind(f["code"]), SQLBind(f["label_zh"]), SQLBind(f["label_en"]), SQLBind(f.int("sort_order") ?? 0),
                        SQLBind(f.bool("enabled") ? 1 : 0)).run()
            try await tx.audit(AuditEntry(module: "settings", action: "dictionary.add", target: "\(key):\(f["code"])",
                                          after: "\(f["label_zh"]) / \(f["label_en"])"))
        }
        DictionaryService.invalidate(req.host.cache)
        return .redirect("\(req.base)/dictionary/\(key)", flash: .success(req.t("dict.saved")))
    }

    func loadOption(_ req: ModuleRequest, key: String) async throws -> DictionaryService.Option {
        let id = try req.id()
        guard let option = try await DictionaryService.all(key, db: req.db, includeDisabled: true).first(where: { $0.id == id }) else {
            throw ModuleError.notFound
        }
        return option
    }

    func editPage(_ req: ModuleRequest, key: String, option: DictionaryService.Option, values: FormData, errors: [String: String], status: Int = 200) -> ModuleResponse {
        let form = FormView(action: "\(req.base)/dictionary/\(key)/options/\(option.id)", csrfToken: req.csrfToken,
                            fields: optionFields(req, values: values, errors: errors, includeCode: false), submitLabel: req.t("dict.save"),
                            cancelHref: "\(req.base)/dictionary/\(key)", formError: errors.isEmpty ? nil : req.uiStrings.formHasErrors)
        return .page(title: "\(req.t("dict.edit")) · \(option.code)", body: form.render(strings: req.uiStrings), status: status)
    }

    @Sendable func editForm(_ req: ModuleRequest) async throws -> ModuleResponse {
        let (key, _) = try await listName(req)
        let option = try await loadOption(req, key: key)
        return editPage(req, key: key, option: option, values: FormData(fields: ["label_zh": [option.labelZh], "label_en": [option.labelEn],
                                                                                  "sort_order": [String(option.sortOrder)], "enabled": [option.enabled ? "1" : ""]]),
                        errors: [:])
    }

    @Sendable func update(_ req: ModuleRequest) async throws -> ModuleResponse {
        let (key, _) = try await listName(req)
        let option = try await loadOption(req, key: key)
        let errors = try await validate(req, listKey: key, creating: false)
        guard errors.isEmpty else { return editPage(req, key: key, option: option, values: req.form, errors: errors, status: 422) }
        let f = req.form
        try await req.transaction { tx in
            try await tx.db.update("settings_dict_option").set("label_zh", to: f["label_zh"]).set("label_en", to: f["label_en"])
                .set("sort_order", to: f.int("sort_order") ?? 0).set("enabled", to: f.bool("enabled") ? 1 : 0)
                .where("id", .equal, option.id).run()
            try await tx.audit(AuditEntry(module: "settings", action: "dictionary.edit", target: "\(key):\(option.code)",
                                          before: "\(option.labelZh) / \(option.labelEn) / \(option.sortOrder) / \(option.enabled)",
                                          after: "\(f["label_zh"]) / \(f["label_en"]) / \(f.int("sort_order") ?? 0) / \(f.bool("enabled"))"))
        }
        DictionaryService.invalidate(req.host.cache)
        return .redirect("\(req.base)/dictionary/\(key)", flash: .success(req.t("dict.saved")))
    }

    @Sendable func delete(_ req: ModuleRequest) async throws -> ModuleResponse {
        let (key, _) = try await listName(req)
        let option = try await loadOption(req, key: key)
        try await req.transaction { tx in
            try await tx.db.delete(from: "settings_dict_option").where("id", .equal, option.id).run()
            try await tx.audit(AuditEntry(module: "settings", action: "dictionary.delete", target: "\(key):\(option.code)",
                                          before: "\(option.labelZh) / \(option.labelEn)"))
        }
        DictionaryService.invalidate(req.host.cache)
        return .redirect("\(req.base)/dictionary/\(key)", flash: .success(req.t("dict.deleted")))
    }

    @Sendable func batchDelete(_ req: ModuleRequest) async throws -> ModuleResponse {
        let (key, _) = try await listName(req)
        let ids = req.form.all("ids").compactMap { Int64($0) }
        guard !ids.isEmpty else { return .redirect("\(req.base)/dictionary/\(key)", flash: .error(req.t("dict.noneSelected"))) }
        let count = try await req.transaction { tx in
            let codes = try await tx.db.select().column("code").from("settings_dict_option").where("list_key", .equal, key)
                .where("id", .in, ids).all(decodingColumn: "code", as: String.self)
            try await tx.db.delete(from: "settings_dict_option").where("list_key", .equal, key).where("id", .in, ids).run()
            try await tx.audit(AuditEntry(module: "settings", action: "dictionary.batchDelete", target: key, before: codes.joined(separator: ",")))
            return codes.count
        }
        DictionaryService.invalidate(req.host.cache)
        return .redirect("\(req.base)/dictionary/\(key)", flash: .success(req.t("dict.deletedMany").replacingOccurrences(of: "{n}", with: String(count))))
    }
}

extension DictionaryPages.ListRow {
    struct NoCount: Decodable { let key: String; let name_zh: String; let name_en: String }
}
