import Foundation
import Members
import PluginAPI
import SQLKit

/// Entering a contract on a member (录入合同) and changing a draft.
struct ContractFormPages: Sendable {
    func register(_ routes: inout RouteCollector) throws {
        try routes.get("/new", .requires("contract", "add"), newForm)
        try routes.post("/", .requires("contract", "add"), create)
        try routes.get("/:id/edit", .requires("contract", "edit"), editForm)
        try routes.post("/:id", .requires("contract", "edit"), update)
        try routes.post("/:id/delete", .requires("contract", "delete"), delete)
    }

    func memberLabel(_ member: MemberRecord) -> String { "\(member.username)（UID \(member.id)）" }

    func page(_ req: ModuleRequest, member: MemberRecord, title: String, action: String, values: FormData, errors: [String: String],
              cancel: String, isNew: Bool, status: Int = 200) -> ModuleResponse {
        let body = HTML(raw: "<section class=\"card\">")
            + ContractForm(req: req).render(action: action, memberLabel: memberLabel(member), values: values, errors: errors, cancel: cancel, isNew: isNew)
            + HTML(raw: "</section>")
        return .page(title: title, body: body, status: status)
    }

    @Sendable func newForm(_ req: ModuleRequest) async throws -> ModuleResponse {
        guard let memberID = Int64(req.query["member"]) else { throw ModuleError.badRequest(req.t("field.member")) }
        let member = try await MemberDirectory.load(req, id: memberID)
        let today = AgencyTime.today(timeZone: req.site.timeZone)
        let renewing = try await !ContractDirectory.effective(memberID: member.id, db: req.db).isEmpty
        let values = FormData(fields: ["member": [String(member.id)], "kind": [renewing ? "renewal" : "first"], "signed_on": [today],
                                       "starts_on": [today], "service_days": ["365"], "first_payment_on": [today]])
        return page(req, member: member, title: req.t("action.new"), action: req.base + "/", values: values, errors: [:],
                    cancel: LocalPath.validated(req.query["_return"], or: "/m/presale/\(member.id)"), isNew: true)
    }

    @Sendable func create(_ req: ModuleRequest) async throws -> ModuleResponse {
        guard let memberID = Int64(req.form["member"]), let user = req.user else { throw ModuleError.badRequest(req.t("field.member")) }
        let member = try await MemberDirectory.load(req, id: memberID)
        let hasEffective = try await !ContractDirectory.effective(memberID: member.id, db: req.db).isEmpty
        var input = ContractInput.validate(req, req.form, hasEffective: hasEffective)
        if !input.number.isEmpty, try await numberTaken(input.number, except: nil, db: req.db) { input.errors["number"] = req.t("rule.numberTaken") }
        guard input.errors.isEmpty else {
            return page(req, member: member, title: req.t("action.new"), action: req.base + "/", values: req.form, errors: input.errors,
                        cancel: "/m/presale/\(member.id)", isNew: true, status: 422)
        }
        let format = req.settings.string("number_format", ContractNumber.defaultFormat)
        let submit = req.form.bool("submit_now"), valid = input
        let id = try await req.transaction { tx in
            let number = valid.number.isEmpty ? try await ContractNumber.next(format: format, date: valid.signedOn, tx: tx) : valid.number
            let now = Int64(Date().timeIntervalSince1970)
            let id = try await tx.db.insert(into: "contracts_contract")
                .columns("number", "member_id", "author_id", "kind", "status", "total_amount", "service_days", "signed_on", "starts_on", "ends_on",
                         "min_meetings", "service_content", "remark", "first_payment_amount", "first_payment_on", "first_payment_kind",
                         "created_at", "updated_at")
                .values(SQLBind(number), SQLBind(member.id), SQLBind(user.id), SQLBind(valid.kind), SQLBind(ContractStatus.draft.rawValue),
                        SQLBind(valid.totalAmount), SQLBind(valid.serviceDays), SQLBind(valid.signedOn), SQLBind(valid.startsOn), SQLBind(valid.endsOn),
                        SQLBind(valid.minMeetings), SQLBind(valid.serviceContent), SQLBind(valid.remark), SQLBind(valid.firstPaymentAmount),
                        SQLBind(valid.firstPaymentOn), SQLBind(valid.firstPaymentKind), SQLBind(now), SQLBind(now))
                .returning("id").first(decodingColumn: "id", as: Int64.self) ?? 0
            try await tx.audit(AuditEntry(module: "contracts", action: "contract.create", target: "contract:\(id)",
                                          after: "\(number) member:\(member.id) \(valid.totalAmount)"))
            if submit { try await ContractWorkflow.perform(.submit, contractID: id, actorID: user.id, remark: "", in: tx) }
            return id
        }
        return .redirect("\(req.base)/\(id)", flash: .success(req.t(submit ? "flash.submitted" : "flash.created")))
    }

    func numberTaken(_ number: String, except: Int64?, db: any SQLDatabase) async throws -> Bool {
        let query = db.select().column("id").from("contracts_contract").where("number", .equal, number)
        if let except { query.where("id", .notEqual, except) }
        return try await query.first() != nil
    }

    /// A draft the user may `action`; anything past draft cannot be changed.
    func loadDraft(_ req: ModuleRequest, _ action: String) async throws -> (ContractRecord, MemberRecord) {
        let contract = try await ContractDirectory.load(req, id: try req.id(), action: action)
        guard contract.state == .draft else { throw ModuleError.conflict(req.t("rule.onlyDraft")) }
        return (contract, try await MemberDirectory.load(req, id: contract.member_id))
    }

    @Sendable func editForm(_ req: ModuleRequest) async throws -> ModuleResponse {
        let (contract, member) = try await loadDraft(req, "edit")
        return page(req, member: member, title: "\(req.t("action.edit")) · \(contract.number)", action: "\(req.base)/\(contract.id)",
                    values: ContractForm.values(of: contract), errors: [:], cancel: "\(req.base)/\(contract.id)", isNew: false)
    }

    @Sendable func update(_ req: ModuleRequest) async throws -> ModuleResponse {
        let (contract, member) = try await loadDraft(req, "edit")
        let hasEffective = try await !ContractDirectory.effective(memberID: member.id, db: req.db).isEmpty
        var form = req.form
        form.fields["member"] = [String(member.id)]
        var input = ContractInput.validate(req, form, hasEffective: hasEffective)
        if input.number.isEmpty { input.number = contract.number }
        if try await numberTaken(input.number, except: contract.id, db: req.db) { input.errors["number"] = req.t("rule.numberTaken") }
        guard input.errors.isEmpty else {
            return page(req, member: member, title: "\(req.t("action.edit")) · \(contract.number)", action: "\(req.base)/\(contract.id)",
                        values: form, errors: input.errors, cancel: "\(req.base)/\(contract.id)", isNew: false, status: 422)
        }
        let valid = input
        try await req.transaction { tx in
            let updated = try await tx.db.update("contracts_contract")
                .set("number", to: valid.number).set("kind", to: valid.kind).set("total_amount", to: valid.totalAmount)
                .set("service_days", to: valid.serviceDays).set("signed_on", to: valid.signedOn).set("starts_on", to: valid.startsOn)
                .set("ends_on", to: valid.endsOn).set("min_meetings", to: valid.minMeetings).set("service_content", to: valid.serviceContent)
                .set("remark", to: valid.remark).set("first_payment_amount", to: valid.firstPaymentAmount)
                .set("first_payment_on", to: valid.firstPaymentOn).set("first_payment_kind", to: valid.firstPaymentKind)
                .set("updated_at", to: Int64(Date().timeIntervalSince1970))
                .where("id", .equal, contract.id).where("status", .equal, ContractStatus.draft.rawValue).returning("id").all()
            guard !updated.isEmpty else { throw ModuleError.conflict(req.t("rule.onlyDraft")) }
            try await tx.audit(AuditEntry(module: "contracts", action: "contract.update", target: "contract:\(contract.id)",
                                          before: "\(contract.number) \(contract.total_amount)", after: "\(valid.number) \(valid.totalAmount)"))
        }
        return .redirect("\(req.base)/\(contract.id)", flash: .success(req.t("flash.saved")))
    }

    @Sendable func delete(_ req: ModuleRequest) async throws -> ModuleResponse {
        let (contract, _) = try await loadDraft(req, "delete")
        try await req.transaction { tx in
            try await tx.db.delete(from: "contracts_contract").where("id", .equal, contract.id).where("status", .equal, ContractStatus.draft.rawValue).run()
            try await tx.audit(AuditEntry(module: "contracts", action: "contract.delete", target: "contract:\(contract.id)", before: contract.number))
        }
        return .redirect(req.base + "/", flash: .success(req.t("flash.deleted")))
    }
}
