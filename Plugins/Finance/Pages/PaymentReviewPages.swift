import Contracts
import Members
import PluginAPI

/// One payment and its review (合同款到账审批, manual 6.1): approve or reject with a remark and the security password.
struct PaymentReviewPages: Sendable {
    func register(_ routes: inout RouteCollector) throws {
        try routes.get("/payments/:id", .requires("payment", "view"), show)
        try routes.post("/payments/:id/review", .requires("payment", "audit"), review)
    }

    func load(_ req: ModuleRequest, _ action: String) async throws -> PaymentRecord {
        guard let payment = try await PaymentRecord.find(try req.id(), db: req.db) else { throw ModuleError.notFound }
        try req.access.require("payment", action, owner: payment.owner_id)
        return payment
    }

    func page(_ req: ModuleRequest, _ payment: PaymentRecord, values: FormData = FormData(), errors: [String: String] = [:], status: Int = 200) async throws -> ModuleResponse {
        let members = try await MemberDirectory.records(ids: [payment.member_id], db: req.db)
        let presenter = try await MemberDirectory.presenter(req, members: Array(members.values))
        func row(_ key: String, _ value: String) -> String { "<dt>\(escapeHTML(req.t(key)))</dt><dd>\(escapeHTML(value.isEmpty ? "—" : value))</dd>" }
        var html = "<section class=\"card\"><dl class=\"profile\">"
        html += row("field.number", payment.number)
        html += "<dt>\(escapeHTML(req.t("field.contract")))</dt><dd><a href=\"\(req.base)/contracts/\(payment.contract_id)\">\(escapeHTML(payment.contract_number))</a></dd>"
        html += row("field.member", members[payment.member_id].map { "\($0.username)（UID \($0.id)）" } ?? "UID \(payment.member_id)")
        html += row("field.amount", "¥" + UIFormat.yuan(payment.amount)) + row("field.kind", req.t("kind.\(payment.kind)"))
        html += row("field.paid_on", payment.paid_on) + row("field.owner", presenter.staffName(payment.owner_id))
        html += row("field.entered_by", presenter.staffName(payment.entered_by)) + row("field.remark", payment.remark)
        html += row("field.status", req.t("status.\(payment.status)"))
        if payment.status != "pending" {
            html += row("field.reviewed_by", presenter.staffName(payment.reviewed_by)) + row("field.review_remark", payment.review_remark)
        }
        var body = HTML(raw: html + "</dl></section>")
        if payment.status == "pending", req.access.decide("payment", "audit", owner: payment.owner_id) == .allowed {
            let decisions = ["approve", "reject"].map { SelectOption(value: $0, label: req.t("decision.\($0)")) }
            body += HTML(raw: "<section class=\"card\"><h2>\(escapeHTML(req.t("action.review")))</h2>") + FormView(
                action: "\(req.base)/payments/\(payment.id)/review", csrfToken: req.csrfToken, fields: [
                    FormField(name: "decision", label: req.t("field.decision"), kind: .radio(options: decisions),
                              value: values["decision"].isEmpty ? "approve" : values["decision"], required: true, error: errors["decision"]),
                    FormField(name: "remark", label: req.t("field.review_remark"), kind: .textarea(rows: 2), value: values["remark"],
                              error: errors["remark"], maxLength: 500),
                    FormField(name: "security_password", label: req.t("field.security_password"), kind: .password, required: true,
                              error: errors["security_password"], help: req.t("field.securityHelp"), maxLength: 32),
                ], submitLabel: req.t("action.review"), formError: errors.isEmpty ? nil : (errors["_form"] ?? req.uiStrings.formHasErrors),
                id: "review-form").render(strings: req.uiStrings) + HTML(raw: "</section>")
        }
        return .page(title: "\(req.t("field.number")) \(payment.number)", body: body, status: status)
    }

    @Sendable func show(_ req: ModuleRequest) async throws -> ModuleResponse {
        try await page(req, try await load(req, "view"))
    }

    @Sendable func review(_ req: ModuleRequest) async throws -> ModuleResponse {
        let payment = try await load(req, "audit")
        guard let user = req.user else { throw ModuleError.unauthenticated }
        let decision = req.form["decision"], remark = req.form["remark"].trimmingCharacters(in: .whitespacesAndNewlines)
        var v = Validator(language: req.language)
        v.required("decision", decision, label: req.t("field.decision"))
        v.oneOf("decision", decision, ["approve", "reject"], label: req.t("field.decision"))
        if decision == "reject" && remark.isEmpty { v.add("remark", req.t("review.reasonRequired")) }
        v.required("security_password", req.form.fields["security_password"]?.first ?? "", label: req.t("field.security_password"))
        guard v.isValid else { return try await page(req, payment, values: req.form, errors: v.errors, status: 422) }
        do {
            try await SecurityGate.check(req, password: req.form.fields["security_password"]?.first ?? "")
        } catch let refusal as SecurityGate.Refusal {
            return try await page(req, payment, values: req.form, errors: ["security_password": refusal.message], status: 403)
        }
        do {
            let settled = try await req.transaction { tx in
                try await Ledger.review(tx, payment: payment, approve: decision == "approve", reviewer: user.id, remark: remark)
            }
            let key = settled ? "review.settled" : "review.done.\(decision)"
            return .redirect("\(req.base)/payments/\(payment.id)", flash: .success(req.t(key)))
        } catch let refusal as Ledger.Refusal {
            return .redirect("\(req.base)/payments/\(payment.id)", flash: .error(req.t(refusal.key)))
        }
    }
}
