import Contracts
import Members
import PluginAPI

/// A contract seen by finance: its payments and payment state, adding a payment, and the contract's finance step —
/// confirm fully paid, return to the author, reject — each with the security password.
struct ContractPaymentPages: Sendable {
    func register(_ routes: inout RouteCollector) throws {
        try routes.get("/contracts/:id", .requires("payment", "view"), show)
        try routes.post("/contracts/:id/payments", .requires("payment", "add"), add)
        for step in ["settle", "return", "reject"] {
            try routes.post("/contracts/:id/\(step)", .requires("payment", "audit")) { req in try await finance(req, step: step) }
        }
    }

    /// The contract, if the user may take `action` on payments of its author (the payments' owner).
    func load(_ req: ModuleRequest, _ action: String) async throws -> ContractRecord {
        guard let contract = try await ContractRecord.find(try req.id(), db: req.db) else { throw ModuleError.notFound }
        try req.access.require("payment", action, owner: contract.author_id)
        return contract
    }

    func page(_ req: ModuleRequest, _ contract: ContractRecord, values: FormData = FormData(), errors: [String: String] = [:],
              status: Int = 200) async throws -> ModuleResponse {
        let payments = try await PaymentRecord.of(contract: contract.id, db: req.db)
        let approved = payments.filter { $0.status == "approved" }.reduce(Int64(0)) { $0 + $1.amount }
        let members = try await MemberDirectory.records(ids: [contract.member_id], db: req.db)
        let presenter = try await MemberDirectory.presenter(req, members: Array(members.values))
        func row(_ key: String, _ value: String) -> String { "<dt>\(escapeHTML(req.t(key)))</dt><dd>\(escapeHTML(value))</dd>" }
        var html = "<section class=\"card\"><dl class=\"profile\">" + row("field.contract", contract.number)
        html += row("field.member", members[contract.member_id].map { "\($0.username)（UID \($0.id)）" } ?? "UID \(contract.member_id)")
        html += row("contract.total", "¥" + UIFormat.yuan(contract.total_amount)) + row("contract.approved", "¥" + UIFormat.yuan(approved))
        html += row("contract.state", req.t("state.\(PaymentState.of(total: contract.total_amount, approved: approved).rawValue)"))
        html += row("contract.status", ContractDirectory.statusLabel(req, contract.status)) + row("field.owner", presenter.staffName(contract.author_id))
        if req.access.forModule("contracts").decide("contract", "view", owner: contract.author_id) == .allowed {
            html += "<dt></dt><dd><a href=\"/m/contracts/\(contract.id)\">\(escapeHTML(req.t("contract.open")))</a></dd>"
        }
        var body = HTML(raw: html + "</dl></section>")
        body += HTML(raw: "<section class=\"card\"><h2>\(escapeHTML(req.t("contract.title")))</h2>") + ContractPaymentsPanel.table(req, contract, payments)
            + HTML(raw: "</section>")
        if contract.state != .rejected, req.access.decide("payment", "add", owner: contract.author_id) == .allowed {
            let kinds = PaymentRecord.kinds.map { SelectOption(value: $0, label: req.t("kind.\($0)")) }
            body += HTML(raw: "<section class=\"card\"><h2>\(escapeHTML(req.t("action.add")))</h2>") + FormView(
                action: "\(req.base)/contracts/\(contract.id)/payments", csrfToken: req.csrfToken, fields: [
                    FormField(name: "amount", label: req.t("field.amount"), value: values["amount"], required: true, error: errors["amount"], maxLength: 16),
                    FormField(name: "kind", label: req.t("field.kind"), kind: .select(options: kinds, allowEmpty: true), value: values["kind"],
                              required: true, error: errors["kind"]),
                    FormField(name: "paid_on", label: req.t("field.paid_on"), kind: .date, value: values["paid_on"], required: true, error: errors["paid_on"]),
                    FormField(name: "remark", label: req.t("field.remark"), value: values["remark"], error: errors["remark"], maxLength: 200),
                ], submitLabel: req.t("action.add"), id: "add-payment").render(strings: req.uiStrings) + HTML(raw: "</section>")
        }
        if contract.state == .paymentPending, req.access.decide("payment", "audit", owner: contract.author_id) == .allowed {
            var form = "<section class=\"card\"><form method=\"post\" id=\"finance-step\" action=\"\(req.base)/contracts/\(contract.id)/settle\">"
            form += "<input type=\"hidden\" name=\"_csrf\" value=\"\(escapeAttr(req.csrfToken))\">"
            form += FormField(name: "remark", label: req.t("field.reason"), value: values["remark"], error: errors["remark"], maxLength: 500).render(strings: req.uiStrings).raw
            form += FormField(name: "security_password", label: req.t("field.security_password"), kind: .password, required: true,
                              error: errors["security_password"], help: req.t("field.securityHelp"), maxLength: 32).render(strings: req.uiStrings).raw
            form += "<p class=\"actions\">"
            for step in ["settle", "return", "reject"] {
                let danger = step != "settle"
                form += "<button type=\"submit\" class=\"btn\(danger ? " danger" : " primary")\" formaction=\"\(req.base)/contracts/\(contract.id)/\(step)\"\(danger ? " data-confirm=\"\(escapeAttr(req.t("action.\(step)")))?\"" : "")>\(escapeHTML(req.t("action.\(step)")))</button> "
            }
            body += HTML(raw: form + "</p></form></section>")
        }
        return .page(title: "\(req.t("contract.title")) · \(contract.number)", body: body, status: status)
    }

    @Sendable func show(_ req: ModuleRequest) async throws -> ModuleResponse {
        try await page(req, try await load(req, "view"))
    }

    @Sendable func add(_ req: ModuleRequest) async throws -> ModuleResponse {
        let contract = try await load(req, "add")
        var v = Validator(language: req.language)
        let amount = UIFormat.fen(fromYuan: req.form["amount"])
        v.required("amount", req.form["amount"], label: req.t("field.amount"))
        if !req.form["amount"].isEmpty && (amount ?? 0) <= 0 { v.add("amount", req.t("rule.amount")) }
        v.required("kind", req.form["kind"], label: req.t("field.kind"))
        v.oneOf("kind", req.form["kind"], PaymentRecord.kinds, label: req.t("field.kind"))
        v.required("paid_on", req.form["paid_on"], label: req.t("field.paid_on"))
        if !req.form["paid_on"].isEmpty && AgencyTime.dayStart(req.form["paid_on"], timeZone: "UTC") == nil { v.add("paid_on", req.t("rule.date")) }
        v.length("remark", req.form["remark"], 0...200, label: req.t("field.remark"))
        if contract.state == .rejected { v.add("amount", req.t("rule.contractClosed")) }
        let entered = try await Ledger.enteredTotal(contract: contract.id, db: req.db)
        if let amount, amount > 0, entered + amount > contract.total_amount { v.add("amount", req.t("rule.overTotal")) }
        guard v.isValid, let amount else { return try await page(req, contract, values: req.form, errors: v.errors, status: 422) }
        let form = req.form, format = req.settings.string("number_format", Ledger.defaultFormat)
        // Judged again on the locked contract: parallel entries must not pass the total between the check above and the insert.
        let added = try await req.transaction { tx -> Bool in
            try await Ledger.lock(contract: contract.id, tx)
            guard try await Ledger.enteredTotal(contract: contract.id, db: tx.db) + amount <= contract.total_amount else { return false }
            try await Ledger.add(tx, contract: contract, amount: amount, kind: form["kind"], paidOn: form["paid_on"], enteredBy: req.user?.id,
                                 remark: form["remark"], first: false, format: format)
            return true
        }
        guard added else { return try await page(req, contract, values: req.form, errors: ["amount": req.t("rule.overTotal")], status: 422) }
        return .redirect("\(req.base)/contracts/\(contract.id)", flash: .success(req.t("add.done")))
    }

    /// Confirm fully paid (the contract takes effect), return it to its author, or reject it — each with the security password.
    func finance(_ req: ModuleRequest, step: String) async throws -> ModuleResponse {
        let contract = try await load(req, "audit")
        let remark = req.form["remark"].trimmingCharacters(in: .whitespacesAndNewlines)
        let back = "\(req.base)/contracts/\(contract.id)"
        guard contract.state == .paymentPending else { return .redirect(back, flash: .error(req.t("settle.notWaiting"))) }
        if step != "settle" && remark.isEmpty {
            return try await page(req, contract, values: req.form, errors: ["remark": req.t("review.reasonRequired")], status: 422)
        }
        do {
            try await SecurityGate.check(req, password: req.form.fields["security_password"]?.first ?? "")
        } catch let refusal as SecurityGate.Refusal {
            return try await page(req, contract, values: req.form, errors: ["security_password": refusal.message], status: 403)
        }
        let action: ContractWorkflow.Action = step == "settle" ? .financeApprove : step == "return" ? .returnToAuthor : .reject
        do {
            try await req.transaction { tx in
                try await ContractWorkflow.perform(action, contractID: contract.id, actorID: req.user?.id, remark: remark, in: tx)
            }
        } catch is ContractWorkflow.Refusal {
            return .redirect(back, flash: .error(req.t("settle.notWaiting")))
        }
        let done = step == "settle" ? "settle.done" : step == "return" ? "flow.returned" : "flow.rejected"
        return .redirect(back, flash: .success(req.t(done)))
    }
}
