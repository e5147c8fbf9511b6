import Members
import PluginAPI
import SQLKit

/// One contract: its data, the first payment, the flow information, and the steps the user may take now.
struct ContractDetailPages: Sendable {
    func register(_ routes: inout RouteCollector) throws {
        try routes.get("/:id", .requires("contract", "view"), show)
        try routes.post("/:id/flow/:step", .requires("contract", "view"), step)
    }

    /// The kernel action a step needs on the contract, given where it stands.
    static func requiredAction(_ step: ContractWorkflow.Action, _ contract: ContractRecord) -> String {
        switch step {
        case .submit, .withdraw: return "edit"
        case .approve: return "audit"
        case .reject, .returnToAuthor: return contract.state == .paymentPending ? "confirmPayment" : "audit"
        case .financeApprove, .activate: return "confirmPayment"
        }
    }

    /// Whether `step` is Finance's to take: while Finance is on, the finance step (confirm, return, reject a contract
    /// waiting for payment) goes only through Finance's gate — the security password and "approved payments ≥ total".
    static func belongsToFinance(_ req: ModuleRequest, _ step: ContractWorkflow.Action, _ contract: ContractRecord) -> Bool {
        contract.state == .paymentPending && [.financeApprove, .activate, .reject, .returnToAuthor].contains(step) && req.host.isEnabled("finance")
    }

    /// Steps offered on the page: allowed by the flow from the current state, and by the kernel for this user.
    static func availableSteps(_ req: ModuleRequest, _ contract: ContractRecord) -> [ContractWorkflow.Action] {
        let steps: [ContractWorkflow.Action] = [.submit, .withdraw, .approve, .financeApprove, .returnToAuthor, .reject]
        return steps.filter { step in
            guard ContractWorkflow.target(of: step, from: contract.state) != nil, !belongsToFinance(req, step, contract) else { return false }
            if step == .withdraw && req.user?.id != contract.author_id { return false }
            return req.access.decide("contract", requiredAction(step, contract), owner: contract.author_id) == .allowed
        }
    }

    @Sendable func show(_ req: ModuleRequest) async throws -> ModuleResponse {
        let contract = try await ContractDirectory.load(req, id: try req.id())
        let member = try? await MemberDirectory.load(req, id: contract.member_id)
        let presenter = try await MemberDirectory.presenter(req, members: member.map { [$0] } ?? [])
        func row(_ key: String, _ value: String) -> String { "<dt>\(escapeHTML(req.t(key)))</dt><dd>\(escapeHTML(value.isEmpty ? "—" : value))</dd>" }
        var html = "<section class=\"card\"><dl class=\"profile\">"
        html += row("field.number", contract.number) + row("field.status", req.t("status.\(contract.status)"))
        let memberText = member.map { "\($0.username)（UID \($0.id)）\(presenter.summary($0))" } ?? "UID \(contract.member_id)"
        html += "<dt>\(escapeHTML(req.t("detail.member")))</dt><dd>" + (member != nil
            ? "<a href=\"/m/members/\(contract.member_id)\">\(escapeHTML(memberText))</a>" : escapeHTML(memberText)) + "</dd>"
        html += row("field.kind", req.t("kind.\(contract.kind)")) + row("field.total_amount", "¥" + UIFormat.yuan(contract.total_amount))
        html += row("field.service_days", String(contract.service_days)) + row("field.signed_on", contract.signed_on)
        html += row("field.starts_on", contract.starts_on) + row("field.ends_on", contract.ends_on)
        html += row("field.min_meetings", String(contract.min_meetings)) + row("field.author", presenter.staffName(contract.author_id))
        html += row("field.service_content", contract.service_content) + row("field.remark", contract.remark)
        let payment = contract.first_payment_amount > 0
            ? "¥\(UIFormat.yuan(contract.first_payment_amount)) · \(req.t("payment.\(contract.first_payment_kind)")) · \(contract.first_payment_on)"
            : req.t("detail.none")
        html += row("detail.payment", payment) + "</dl></section>"
        var body = HTML(raw: html)
        let steps = Self.availableSteps(req, contract)
        if !steps.isEmpty { body += stepForm(req, contract, steps) }
        // What other modules show on a contract (Finance: its payments and payment state, when the user may see them).
        body += try await req.panels("contracts.contract", id: contract.id)
        body += try await flow(req, contract, presenter)
        var toolbar = HTML.empty
        if contract.state == .draft, ContractDirectory.allows(req, contract, "edit") {
            toolbar += HTML.link(req.t("action.edit"), href: "\(req.base)/\(contract.id)/edit", class: "btn")
        }
        if contract.state == .draft, ContractDirectory.allows(req, contract, "delete") {
            toolbar += HTML(raw: " ") + RowAction(label: req.t("action.delete"), href: "\(req.base)/\(contract.id)/delete", method: "post",
                                                  confirm: req.uiStrings.confirmDelete, danger: true).render(csrfToken: req.csrfToken)
        }
        return .page(title: "\(req.t("field.number")) \(contract.number)", body: body, toolbar: toolbar)
    }

    /// One form with a reason field and a button per available step (reject and return ask for confirmation).
    func stepForm(_ req: ModuleRequest, _ contract: ContractRecord, _ steps: [ContractWorkflow.Action]) -> HTML {
        var html = "<section class=\"card\"><form method=\"post\" id=\"flow-form\" action=\"\(req.base)/\(contract.id)/flow/submit\">"
        html += "<input type=\"hidden\" name=\"_csrf\" value=\"\(escapeAttr(req.csrfToken))\">"
        if steps.contains(where: ContractWorkflow.needsRemark) || steps.contains(.approve) || steps.contains(.financeApprove) {
            html += "<div class=\"field\"><label for=\"flow-remark\">\(escapeHTML(req.t("flow.reason")))</label><textarea id=\"flow-remark\" name=\"remark\" rows=\"2\" maxlength=\"500\"></textarea></div>"
        }
        html += "<p class=\"actions\">"
        for step in steps {
            let danger = step == .reject || step == .returnToAuthor
            let confirm = danger ? " data-confirm=\"\(escapeAttr(req.t("action.\(step.rawValue)")))?\"" : ""
            html += "<button type=\"submit\" class=\"btn\(danger ? " danger" : step == .approve || step == .financeApprove || step == .submit ? " primary" : "")\" formaction=\"\(req.base)/\(contract.id)/flow/\(step.rawValue)\"\(confirm)>\(escapeHTML(req.t("action.\(step.rawValue)")))</button> "
        }
        return HTML(raw: html + "</p></form></section>")
    }

    func flow(_ req: ModuleRequest, _ contract: ContractRecord, _ presenter: MemberPresenter) async throws -> HTML {
        let history = try await ContractWorkflow.history(of: contract.id, db: req.db)
        var html = "<section class=\"card\"><h2>\(escapeHTML(req.t("flow.title")))</h2>"
        guard !history.isEmpty else { return HTML(raw: html + "<p class=\"muted\">\(escapeHTML(req.t("flow.none")))</p></section>") }
        html += "<table class=\"table flow\"><thead><tr>" + ["flow.time", "flow.actor", "flow.step", "flow.from", "flow.to", "flow.remark"]
            .map { "<th>\(escapeHTML(req.t($0)))</th>" }.joined() + "</tr></thead><tbody>"
        for t in history {
            html += "<tr><td>\(escapeHTML(presenter.time(t.at)))</td><td>\(escapeHTML(presenter.staffName(t.actor_id)))</td>"
            html += "<td>\(escapeHTML(req.t("action.\(t.action)")))</td><td>\(escapeHTML(req.t("status.\(t.from_status)")))</td>"
            html += "<td>\(escapeHTML(req.t("status.\(t.to_status)")))</td><td>\(escapeHTML(t.remark))</td></tr>"
        }
        return HTML(raw: html + "</tbody></table></section>")
    }

    @Sendable func step(_ req: ModuleRequest) async throws -> ModuleResponse {
        let contract = try await ContractDirectory.load(req, id: try req.id())
        guard let step = ContractWorkflow.Action(rawValue: req.parameters["step"] ?? ""), step != .activate else { throw ModuleError.notFound }
        try req.access.require("contract", Self.requiredAction(step, contract), owner: contract.author_id)
        let back = "\(req.base)/\(contract.id)"
        if Self.belongsToFinance(req, step, contract) { throw ModuleError.conflict(req.t("flow.financeOnly")) }
        if step == .withdraw && req.user?.id != contract.author_id { return .redirect(back, flash: .error(req.t("flow.onlyAuthor"))) }
        do {
            let remark = req.form["remark"]
            try await req.transaction { tx in
                try await ContractWorkflow.perform(step, contractID: contract.id, actorID: req.user?.id, remark: remark, in: tx)
            }
        } catch let refusal as ContractWorkflow.Refusal {
            return .redirect(back, flash: .error(req.t(refusal.key)))
        }
        return .redirect(back, flash: .success(req.t("flow.done").replacingOccurrences(of: "{step}", with: req.t("action.\(step.rawValue)"))))
    }
}
