import Foundation
import PluginAPI
import SQLKit

/// The contract flow: `draft → submitted → payment_pending → finance_approved → effective`, with reject (ends the flow),
/// return (back to the author's draft) and withdraw (the author takes a submitted contract back before anyone acts).
///
/// Every step is one transaction: the status changes only if it is still the expected one (so two reviewers cannot both act),
/// the step is recorded in `contracts_transition`, audited, and announced as an event.
public enum ContractWorkflow {
    /// The steps.
    public enum Action: String, Sendable, CaseIterable {
        case submit, withdraw, approve, reject
        case returnToAuthor = "return"
        case financeApprove = "finance_approve"
        case activate
    }

    /// Why a step was refused: the contract is not in a state that allows it, or a reason is missing.
    public struct Refusal: Error, Sendable, Equatable {
        public let key: String
    }

    /// The status a step leads to from `status`, or nil when the step is not allowed there.
    public static func target(of action: Action, from status: ContractStatus) -> ContractStatus? {
        switch (action, status) {
        case (.submit, .draft): return .submitted
        case (.withdraw, .submitted): return .draft
        case (.approve, .submitted): return .paymentPending
        case (.reject, .submitted), (.reject, .paymentPending): return .rejected
        case (.returnToAuthor, .submitted), (.returnToAuthor, .paymentPending): return .draft
        case (.financeApprove, .paymentPending): return .financeApproved
        case (.activate, .financeApproved): return .effective
        default: return nil
        }
    }

    /// Steps that need a reason.
    public static func needsRemark(_ action: Action) -> Bool { action == .reject || action == .returnToAuthor }

    /// Performs `action` on contract `id` inside `tx`; throws `Refusal` when the step is not allowed now (nothing changes).
    @discardableResult
    public static func perform(_ action: Action, contractID: Int64, actorID: Int64?, remark: String, in tx: Transaction) async throws -> ContractRecord {
        guard let contract = try await ContractRecord.find(contractID, db: tx.db) else { throw ModuleError.notFound }
        let remark = remark.trimmingCharacters(in: .whitespacesAndNewlines)
        if needsRemark(action) && remark.isEmpty { throw Refusal(key: "flow.reasonRequired") }
        guard let to = target(of: action, from: contract.state) else { throw Refusal(key: "flow.invalid") }
        let now = Int64(Date().timeIntervalSince1970)
        // Conditional update: a concurrent step that changed the status first makes this one a no-op, reported as refused.
        let update = tx.db.update("contracts_contract").set("status", to: to.rawValue).set("updated_at", to: now)
        if to == .effective { update.set("effective_at", to: now) }
        let updated = try await update.where("id", .equal, contract.id).where("status", .equal, contract.status).returning("id").all()
        guard !updated.isEmpty, let changed = try await ContractRecord.find(contract.id, db: tx.db) else { throw Refusal(key: "flow.invalid") }
        try await tx.db.insert(into: "contracts_transition").columns("contract_id", "action", "from_status", "to_status", "actor_id", "at", "remark")
            .values(SQLBind(contract.id), SQLBind(action.rawValue), SQLBind(contract.status), SQLBind(to.rawValue), SQLBind(actorID), SQLBind(now),
                    SQLBind(remark)).run()
        try await tx.audit(AuditEntry(module: "contracts", action: "contract.\(action.rawValue)", target: "contract:\(contract.id)",
                                      before: contract.status, after: to.rawValue + (remark.isEmpty ? "" : " \(remark)")))
        try await tx.publish(Event("contract.\(eventName(action))", payload(changed, remark: remark)))
        if to == .financeApproved {
            // Finance's approval completes the flow: the contract takes effect at once.
            return try await perform(.activate, contractID: contract.id, actorID: actorID, remark: "", in: tx)
        }
        return changed
    }

    static func eventName(_ action: Action) -> String {
        switch action {
        case .submit: return "submitted"
        case .withdraw: return "withdrawn"
        case .approve: return "approved"
        case .reject: return "rejected"
        case .returnToAuthor: return "returned"
        case .financeApprove: return "finance_approved"
        case .activate: return "effective"
        }
    }

    /// The payload of every contract event: what the contract says, amounts in fen, dates `yyyy-MM-dd`.
    static func payload(_ c: ContractRecord, remark: String) -> [String: String] {
        ["contract_id": String(c.id), "member_id": String(c.member_id), "kind": c.kind, "number": c.number, "status": c.status,
         "total_amount": String(c.total_amount), "amount": String(c.total_amount), "starts_on": c.starts_on, "ends_on": c.ends_on,
         "signed_on": c.signed_on, "author_id": String(c.author_id), "first_payment_amount": String(c.first_payment_amount),
         "min_meetings": String(c.min_meetings), "service_days": String(c.service_days),
         "effective_at": c.effective_at.map(String.init) ?? "",
         "first_payment_on": c.first_payment_on, "first_payment_kind": c.first_payment_kind, "remark": remark]
    }

    /// The recorded steps of a contract, oldest first.
    public static func history(of contractID: Int64, db: any SQLDatabase) async throws -> [ContractTransition] {
        try await db.select().columns("id", "action", "from_status", "to_status", "actor_id", "at", "remark").from("contracts_transition")
            .where("contract_id", .equal, contractID).orderBy("id").all(decoding: ContractTransition.self)
    }
}
