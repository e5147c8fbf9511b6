import Foundation
import PluginAPI
import SQLKit

/// Staff entry and editing of members, with live availability checks.
struct MemberFormPages: Sendable {
    func register(_ routes: inout RouteCollector) throws {
        try routes.get("/new", .requires("member", "add"), newForm)
        try routes.post("/", .requires("member", "add"), create)
        try routes.post("/check", .requires("member", "view"), check)
        try routes.get("/:id/edit", .requires("member", "edit"), editForm)
        try routes.post("/:id", .requires("member", "edit"), update)
    }

    func page(_ req: ModuleRequest, values: FormData, errors: [String: String], existing: MemberRecord?, status: Int = 200) async throws -> ModuleResponse {
        let options = try await MemberFields.options(req)
        let form = MemberForm(req: req, options: options, existing: existing)
        let action = existing.map { "\(req.base)/\($0.id)" } ?? req.base + "/"
        // A new member sent here by another module keeps its origin and goes back there after saving.
        let origin = existing == nil ? MemberOrigin(values["origin_ref"]).map { _ in values["origin_ref"] } : nil
        let back = existing == nil ? Self.safeReturn(values["_return"]) : nil
        return .page(title: existing.map { "\(req.t("action.edit")) · \($0.username)" } ?? req.t("action.add"),
                     body: try await form.render(action: action, values: values, errors: errors, returnTo: back, origin: origin), status: status)
    }

    /// `/m/members/new?real_name=…&mobile=…&origin_ref=…&_return=…`: the form pre-filled from the query (only fields the form
    /// binds, plus the origin and the page to return to).
    @Sendable func newForm(_ req: ModuleRequest) async throws -> ModuleResponse {
        var values = FormData()
        for name in MemberForm.boundColumns + ["origin_ref", "_return"] where !req.query[name].isEmpty { values.fields[name] = [req.query[name]] }
        return try await page(req, values: values, errors: [:], existing: nil)
    }

    /// A path of this site to go back to, nil for anything else.
    static func safeReturn(_ path: String) -> String? {
        LocalPath.validated(path)
    }

    static func validator(_ req: ModuleRequest) async throws -> MemberValidation {
        let site = req.site
        return MemberValidation(req: req, options: try await MemberFields.options(req), today: MemberFormat.today(timeZone: site.timeZone))
    }

    /// Adds `result` columns to an insert or update.
    static func bind(_ result: MemberValidation.Result) -> [(String, any SQLExpression)] {
        var pairs: [(String, any SQLExpression)] = []
        for column in MemberForm.boundColumns {
            if let number = result.numbers[column] { pairs.append((column, SQLBind(number))); continue }
            guard let value = result.values[column] else { continue }
            if column == "blacklisted" || column == "opt_out" { pairs.append((column, SQLBind(value == "1" ? 1 : 0))); continue }
            if column == "mobile" || column == "id_card" { pairs.append((column, SQLBind(value.isEmpty ? nil : value))); continue }
            pairs.append((column, SQLBind(value)))
        }
        return pairs
    }

    @Sendable func create(_ req: ModuleRequest) async throws -> ModuleResponse {
        var result = try await Self.validator(req).validate(req.form, exceptID: nil, db: req.db)
        try await Self.hideInvisibleDuplicates(req, &result, exceptID: nil)
        var avatar: String?
        if let file = req.form.files["avatar"], !file.bytes.isEmpty, result.errors.isEmpty {
            do { avatar = try await req.host.storeImage(file.bytes, field: "avatar", language: req.language) }
            catch let error as ModuleError { result.errors.merge(error.fieldErrors) { a, _ in a } }
        }
        guard result.errors.isEmpty, let user = req.user else {
            return try await page(req, values: req.form, errors: result.errors, existing: nil, status: 422)
        }
        let password = req.form.fields["password"]?.first ?? ""
        let hash = password.isEmpty ? nil : try await req.host.hashPassword(password)
        let pairs = Self.bind(result)
        let storedAvatar = avatar, validated = result
        let origin = MemberOrigin(req.form["origin_ref"])
        let id = try await req.transaction { tx in
            let now = Int64(Date().timeIntervalSince1970)
            let insert = tx.db.insert(into: "members_member")
                .columns(pairs.map(\.0) + ["password_hash", "avatar", "avatar_status", "source", "origin_ref", "owner_id", "registered_at",
                                           "allocated_at", "created_by"])
                .values(pairs.map(\.1) + [SQLBind(hash), SQLBind(storedAvatar ?? ""), SQLBind(storedAvatar == nil ? "none" : "pending"),
                                          SQLBind(origin?.source ?? "staff"), SQLBind(origin?.ref ?? ""), SQLBind(user.id), SQLBind(now), SQLBind(now),
                                          SQLBind(user.id)])
                .returning("id")
            guard let id = try await insert.first(decodingColumn: "id", as: Int64.self) else { throw ModuleError.conflict("insert failed") }
            try await tx.audit(AuditEntry(module: "members", action: "member.create", target: "member:\(id)", after: validated.values["username"]))
            var payload = ["member_id": String(id), "owner_id": String(user.id), "source": origin?.source ?? "staff"]
            if let origin { payload["origin_ref"] = origin.ref; payload["origin_proof"] = origin.proof }
            try await tx.publish(Event("member.created", payload))
            return id
        }
        MemberListPages.invalidateCounts(req)
        return .redirect(Self.safeReturn(req.form["_return"]) ?? "\(req.base)/\(id)", flash: .success(req.t("flash.created")))
    }

    func values(of member: MemberRecord) -> FormData {
        var fields: [String: [String]] = ["username": [member.username], "gender": [member.gender],
                                          "customer_status": [member.customerStatus], "blacklisted": [member.blacklisted ? "1" : ""],
                                          "opt_out": [member.optOut ? "1" : ""]]
        for (column, value) in member.fields { fields[column] = MemberFields.multi.contains(column) ? value.split(separator: ",").map(String.init) : [value] }
        for (column, value) in member.numbers { fields[column] = [String(value)] }
        return FormData(fields: fields)
    }

    @Sendable func editForm(_ req: ModuleRequest) async throws -> ModuleResponse {
        let member = try await MemberAccess.load(req, "edit")
        var values = values(of: member)
        if !MemberAccess.showsContact(req, member) {
            for column in MemberFormat.contactColumns { values.fields[column] = [MemberFormat.mask(member[column], kind: column)] }
        }
        return try await page(req, values: values, errors: [:], existing: member)
    }

    @Sendable func update(_ req: ModuleRequest) async throws -> ModuleResponse {
        let member = try await MemberAccess.load(req, "edit")
        var input = req.form
        // Without viewContact the form shows masks; a value left masked keeps the stored one.
        if !MemberAccess.showsContact(req, member) {
            for column in MemberFormat.contactColumns where input[column] == MemberFormat.mask(member[column], kind: column) {
                input.fields[column] = [member[column]]
            }
        }
        var result = try await Self.validator(req).validate(input, exceptID: member.id, db: req.db)
        try await Self.hideInvisibleDuplicates(req, &result, exceptID: member.id)
        var avatar: String?
        if let file = input.files["avatar"], !file.bytes.isEmpty, result.errors.isEmpty {
            do { avatar = try await req.host.storeImage(file.bytes, field: "avatar", language: req.language) }
            catch let error as ModuleError { result.errors.merge(error.fieldErrors) { a, _ in a } }
        }
        guard result.errors.isEmpty else { return try await page(req, values: req.form, errors: result.errors, existing: member, status: 422) }
        let password = input.fields["password"]?.first ?? ""
        let hash = password.isEmpty ? nil : try await req.host.hashPassword(password)
        let pairs = Self.bind(result)
        let storedAvatar = avatar, validated = result
        try await req.transaction { tx in
            let update = tx.db.update("members_member")
            for (column, value) in pairs { update.set(SQLIdentifier(column), to: value) }
            if let hash { update.set("password_hash", to: hash) }
            if let storedAvatar { update.set("avatar", to: storedAvatar).set("avatar_status", to: "pending") }
            try await update.where("id", .equal, member.id).run()
            let changed = pairs.compactMap { column, _ -> String? in
                (validated.values[column] ?? validated.numbers[column].flatMap { $0.map(String.init) } ?? "") != (member.fields[column] ?? member.numbers[column].map(String.init) ?? (column == "username" ? member.username : column == "gender" ? member.gender : ""))
                    ? column : nil
            }
            try await tx.audit(AuditEntry(module: "members", action: "member.update", target: "member:\(member.id)",
                                          before: changed.joined(separator: ","), after: nil))
        }
        if storedAvatar != nil, !member.avatar.isEmpty { await req.host.discardImage(member.avatar, audience: .module) }   // the replaced one
        MemberListPages.invalidateCounts(req)
        // Back to the embedding page (another module's member overview) when it asked, and only to a path of this site.
        return .redirect(Self.safeReturn(req.form["_return"]) ?? "\(req.base)/\(member.id)", flash: .success(req.t("flash.saved")))
    }

    /// `POST /m/members/check` with the JSON body `{"field": "username|mobile|id_card", "value": "…", "except": id}` (and
    /// the session's token in `X-CSRF-Token`) → `{ok, message}`. A mobile or ID card number is "taken" only when the member
    /// holding it is visible to the caller; another matchmaker's member answers as available (saving is still refused,
    /// with ``notUsable``).
    @Sendable func check(_ req: ModuleRequest) async throws -> ModuleResponse {
        struct Answer: Encodable { let ok: Bool; let message: String }
        guard let object = try? JSONSerialization.jsonObject(with: Data(req.body)) as? [String: Any],
              let field = object["field"] as? String, let raw = object["value"] as? String else {
            throw ModuleError.badRequest(req.t("api.badJSON"))
        }
        let except = (object["except"] as? NSNumber)?.int64Value ?? (object["except"] as? String).flatMap { Int64($0) }
        guard ["username", "mobile", "id_card"].contains(field) else { throw ModuleError.badRequest(req.t("rule.option")) }
        let value = field == "id_card" ? raw.uppercased() : raw
        var v = Validator(language: req.language)
        switch field {
        case "mobile": v.mobile(field, value, label: req.t("field.mobile"))
        case "id_card": if !IDCard.isValid(value) { v.add(field, req.t("rule.idCard")) }
        default: v.length(field, value, 3...16, label: req.t("field.username"))
        }
        if let message = v.errors[field] { return try .json(Answer(ok: false, message: message)) }
        // Usernames are public (the registration page checks them too); contact numbers only among visible members.
        let taken = field == "username"
            ? try await MemberValidation.taken(field, value, except: except, db: req.db)
            : try await Self.visiblyTaken(req, field, value, except: except)
        return try .json(Answer(ok: !taken, message: req.t(taken ? "rule.taken.\(field)" : "check.free")))
    }

    /// Whether a member the caller may see (the kernel's visibility) other than `except` has `value` in `column`.
    static func visiblyTaken(_ req: ModuleRequest, _ column: String, _ value: String, except: Int64?) async throws -> Bool {
        let query = req.db.select().column("id").from("members_member").where(SQLIdentifier(column), .equal, SQLBind(value))
            .where(MemberAccess.predicate(req))
        if let except { query.where("id", .notEqual, except) }
        return try await query.first() != nil
    }

    /// The message for a mobile or ID card number held by a member the caller cannot see: it cannot be used, without
    /// saying that a member has it.
    static let notUsable = LocalizedText(zh: "此号码不能使用，请核对，或联系管理员。", en: "This number cannot be used; please check it or ask an administrator.")

    /// Replaces "already registered" for a mobile or ID card number of a member the caller cannot see by ``notUsable``.
    static func hideInvisibleDuplicates(_ req: ModuleRequest, _ result: inout MemberValidation.Result, exceptID: Int64?) async throws {
        for column in ["mobile", "id_card"] where result.errors[column] == req.t("rule.taken.\(column)") {
            if !(try await visiblyTaken(req, column, result.values[column] ?? "", except: exceptID)) { result.errors[column] = req.t(notUsable) }
        }
    }
}

