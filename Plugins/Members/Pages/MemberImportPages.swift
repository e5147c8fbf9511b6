import Foundation
import PluginAPI
import SQLKit

/// CSV import with a preview and per-row errors; nothing is imported unless every row is valid or the user chooses "import valid rows".
struct MemberImportPages: Sendable {
    static let maxRows = 5_000
    static let importable = ["username", "gender", "birthday", "province", "city", "district", "real_name", "mobile", "id_card", "email", "qq",
                             "wechat", "height", "weight", "marital_status", "education", "income_band", "occupation", "car", "housing", "children",
                             "introduction"]

    func register(_ routes: inout RouteCollector) throws {
        try routes.get("/import", .requires("member", "import"), form)
        try routes.post("/import", .requires("member", "import"), preview)
        try routes.post("/import/commit", .requires("member", "import"), commit)
    }

    struct RowError: Sendable { let row: Int; let field: String; let message: String }
    struct Checked: Sendable { let valid: [(Int, MemberValidation.Result)]; let errors: [RowError]; let total: Int }

    @Sendable func form(_ req: ModuleRequest) async throws -> ModuleResponse {
        let upload = FormView(action: "\(req.base)/import", csrfToken: req.csrfToken, fields: [
            FormField(name: "file", label: req.t("import.file"), kind: .file(accept: ".csv,text/csv"), required: true,
                      help: req.t("import.help").replacingOccurrences(of: "{columns}", with: Self.importable.joined(separator: ","))),
        ], submitLabel: req.t("import.preview"), multipart: true)
        return .page(title: req.t("import.title"), body: upload.render(strings: req.uiStrings))
    }

    /// Validates every row of `text` (header row first) against the rules, the database and the other rows.
    func check(_ req: ModuleRequest, text: String) async throws -> Checked {
        let table = CSVParser.parse(text)
        guard let header = table.first?.map({ $0.trimmingCharacters(in: .whitespaces).lowercased() }) else {
            return Checked(valid: [], errors: [RowError(row: 1, field: "-", message: req.t("import.empty"))], total: 0)
        }
        var errors: [RowError] = header.filter { !Self.importable.contains($0) }.map { RowError(row: 1, field: $0, message: req.t("import.unknownColumn")) }
        for required in ["username", "gender", "birthday", "province"] where !header.contains(required) {
            errors.append(RowError(row: 1, field: required, message: req.t("import.missingColumn")))
        }
        let body = Array(table.dropFirst())
        if body.count > Self.maxRows { errors.append(RowError(row: 1, field: "-", message: req.t("import.tooMany"))) }
        guard errors.isEmpty else { return Checked(valid: [], errors: errors, total: body.count) }
        let validator = try await MemberFormPages.validator(req)
        let labelToCode = try await labelMaps(req, options: validator.options)
        var seen: [String: [String: Int]] = ["username": [:], "mobile": [:], "id_card": [:]]
        var valid: [(Int, MemberValidation.Result)] = []
        for (index, cells) in body.enumerated() {
            let rowNumber = index + 2
            var fields: [String: [String]] = [:]
            for (i, column) in header.enumerated() where i < cells.count {
                var value = cells[i].trimmingCharacters(in: .whitespacesAndNewlines)
                if let map = labelToCode[column], let code = map[value] { value = code }
                fields[column] = [value]
            }
            let result = try await validator.validate(FormData(fields: fields), exceptID: nil, db: req.db)
            var rowErrors = result.errors
            for column in ["username", "mobile", "id_card"] {
                let value = result.values[column] ?? ""
                guard !value.isEmpty, rowErrors[column] == nil else { continue }
                if let first = seen[column]?[value] {
                    rowErrors[column] = req.t("import.duplicate").replacingOccurrences(of: "{row}", with: String(first))
                } else { seen[column]?[value] = rowNumber }
            }
            if rowErrors.isEmpty { valid.append((rowNumber, result)) }
            errors += rowErrors.sorted { $0.key < $1.key }.map { RowError(row: rowNumber, field: $0.key, message: $0.value) }
        }
        return Checked(valid: valid, errors: errors, total: body.count)
    }

    /// Label → code per dictionary column, and region name → code, so a sheet may use either.
    func labelMaps(_ req: ModuleRequest, options: [String: [SelectOption]]) async throws -> [String: [String: String]] {
        var maps: [String: [String: String]] = [:]
        for column in Self.importable {
            let list = column == "gender" ? "gender" : MemberFields.dictionaryList[column]
            guard let list, let opts = options[list] else { continue }
            maps[column] = Dictionary(opts.map { ($0.label, $0.value) }, uniquingKeysWith: { a, _ in a })
        }
        let provinces = try await req.host.regions.children(of: nil)
        maps["province"] = Dictionary(provinces.map { ($0.name, $0.code) }, uniquingKeysWith: { a, _ in a })
        return maps
    }

    func readUpload(_ req: ModuleRequest) throws -> String {
        if let file = req.form.files["file"], !file.bytes.isEmpty {
            guard let text = String(bytes: file.bytes, encoding: .utf8) else { throw ModuleError.validation(["file": req.t("import.notUTF8")]) }
            return text
        }
        let encoded = req.form["content"]
        guard !encoded.isEmpty, let data = Data(base64Encoded: encoded), let text = String(data: data, encoding: .utf8) else {
            throw ModuleError.validation(["file": req.t("import.noFile")])
        }
        return text
    }

    @Sendable func preview(_ req: ModuleRequest) async throws -> ModuleResponse {
        let text: String
        do { text = try readUpload(req) } catch let error as ModuleError {
            return .page(title: req.t("import.title"), body: HTML(raw: "<div class=\"flash error\">\(escapeHTML(error.fieldErrors["file"] ?? ""))</div>"), status: 422)
        }
        let checked = try await check(req, text: text)
        var html = "<div class=\"card\"><p>\(escapeHTML(req.t("import.summary").replacingOccurrences(of: "{total}", with: String(checked.total)).replacingOccurrences(of: "{valid}", with: String(checked.valid.count)).replacingOccurrences(of: "{invalid}", with: String(checked.total - checked.valid.count))))</p></div>"
        if !checked.errors.isEmpty {
            html += "<table class=\"table import-errors\"><thead><tr><th>\(escapeHTML(req.t("import.row")))</th><th>\(escapeHTML(req.t("import.field")))</th><th>\(escapeHTML(req.t("import.reason")))</th></tr></thead><tbody>"
            for e in checked.errors.prefix(500) { html += "<tr><td>\(e.row)</td><td>\(escapeHTML(e.field))</td><td>\(escapeHTML(e.message))</td></tr>" }
            html += "</tbody></table>"
        }
        let content = Data(text.utf8).base64EncodedString()
        html += "<form method=\"post\" action=\"\(req.base)/import/commit\" class=\"card\"><input type=\"hidden\" name=\"_csrf\" value=\"\(escapeAttr(req.csrfToken))\"><input type=\"hidden\" name=\"content\" value=\"\(escapeAttr(content))\">"
        if checked.errors.isEmpty, checked.total > 0 {
            html += "<button class=\"btn primary\" name=\"mode\" value=\"all\" type=\"submit\">\(escapeHTML(req.t("import.all")))</button>"
        } else if !checked.valid.isEmpty {
            html += "<button class=\"btn\" name=\"mode\" value=\"valid\" type=\"submit\" data-confirm=\"\(escapeAttr(req.t("import.validConfirm")))\">\(escapeHTML(req.t("import.valid").replacingOccurrences(of: "{n}", with: String(checked.valid.count))))</button>"
        }
        html += " <a class=\"btn\" href=\"\(req.base)/import\">\(escapeHTML(req.uiStrings.cancel))</a></form>"
        return .page(title: req.t("import.previewTitle"), body: HTML(raw: html), status: checked.errors.isEmpty ? 200 : 422)
    }

    @Sendable func commit(_ req: ModuleRequest) async throws -> ModuleResponse {
        let text = try readUpload(req)
        let checked = try await check(req, text: text)
        let mode = req.form["mode"]
        guard mode == "valid" || (mode == "all" && checked.errors.isEmpty), !checked.valid.isEmpty, let user = req.user else {
            return .redirect("\(req.base)/import", flash: .error(req.t("import.refused")))
        }
        let valid = checked.valid
        let count = try await req.transaction { tx in
            let now = Int64(Date().timeIntervalSince1970)
            for (_, result) in valid {
                let pairs = MemberFormPages.bind(result)
                try await tx.db.insert(into: "members_member")
                    .columns(pairs.map(\.0) + ["source", "owner_id", "registered_at", "allocated_at", "created_by"])
                    .values(pairs.map(\.1) + [SQLBind("import"), SQLBind(user.id), SQLBind(now), SQLBind(now), SQLBind(user.id)])
                    .run()
            }
            try await tx.audit(AuditEntry(module: "members", action: "member.import", target: "members",
                                          after: "\(valid.count) rows imported (\(mode)); \(checked.total - valid.count) skipped"))
            return valid.count
        }
        MemberListPages.invalidateCounts(req)
        return .redirect(req.base + "/", flash: .success(req.t("import.done").replacingOccurrences(of: "{n}", with: String(count))))
    }
}
