import Foundation
import PluginAPI
import SQLKit

/// The appointment flow: `pending → approved → in_progress → completed → evaluated`, with reject (from pending) and
/// cancel (before completion), each needing a reason.
///
/// Every step is one transaction: the status changes only while it is still the expected one (two people acting at once
/// change it once), the step is recorded in `aftersale_appointment_step` with who and when, and audited.
enum AppointmentFlow {
    enum Action: String, Sendable, CaseIterable {
        case approve, reject, start, complete, evaluate, cancel
    }

    /// Why a step was refused: a message key of the module's catalogue.
    struct Refusal: Error, Sendable, Equatable { let key: String }

    /// The state a step leads to from `status`, or nil when the step is not allowed there.
    static func target(of action: Action, from status: String) -> String? {
        switch (action, status) {
        case (.approve, "pending"): return "approved"
        case (.reject, "pending"): return "rejected"
        case (.start, "approved"): return "in_progress"
        case (.complete, "in_progress"): return "completed"
        case (.evaluate, "completed"): return "evaluated"
        case (.cancel, "pending"), (.cancel, "approved"), (.cancel, "in_progress"): return "cancelled"
        default: return nil
        }
    }

    /// The permission (of the `appointment` resource) each step needs.
    static func permission(_ action: Action) -> String {
        switch action {
        case .approve, .reject: return "audit"
        case .evaluate: return "evaluate"
        case .start, .complete, .cancel: return "edit"
        }
    }

    static func needsReason(_ action: Action) -> Bool { action == .reject || action == .cancel }

    /// The evaluation after a meeting: each side's result and rating of the matchmaker.
    struct Evaluation: Sendable, Equatable {
        var resultA: String, resultB: String
        var ratingA: Int, ratingB: Int
        var commentA: String, commentB: String
    }

    /// Takes `action` on `appointment` in `tx`: refused (nothing changes) when the step is not allowed from its current state,
    /// a reason is missing, both sides have not agreed before it starts, or someone else moved it first.
    static func take(_ action: Action, on appointment: Appointment, reason: String = "", evaluation: Evaluation? = nil,
                     tx: Transaction) async throws -> String {
        guard let to = target(of: action, from: appointment.status) else { throw Refusal(key: "flow.notAllowed") }
        let reason = reason.trimmingCharacters(in: .whitespacesAndNewlines)
        if needsReason(action), reason.isEmpty { throw Refusal(key: "flow.reasonRequired") }
        if action == .start, appointment.opinion_a != "agree" || appointment.opinion_b != "agree" { throw Refusal(key: "flow.needsAgreement") }
        let now = Int64(Date().timeIntervalSince1970)
        let update = tx.db.update("aftersale_appointment").set("status", to: to).set("updated_at", to: now)
        if needsReason(action) { update.set("reason", to: reason) }
        if action == .evaluate {
            guard let e = evaluation else { throw Refusal(key: "flow.evaluationRequired") }
            update.set("result_a", to: e.resultA).set("result_b", to: e.resultB).set("rating_a", to: e.ratingA).set("rating_b", to: e.ratingB)
                .set("comment_a", to: e.commentA).set("comment_b", to: e.commentB)
        }
        let changed = try await update.where("id", .equal, appointment.id).where("status", .equal, appointment.status).returning("id").all()
        guard !changed.isEmpty else { throw Refusal(key: "flow.changedMeanwhile") }
        try await tx.db.insert(into: "aftersale_appointment_step").columns("appointment_id", "from_status", "to_status", "by_user", "at", "reason")
            .values(SQLBind(appointment.id), SQLBind(appointment.status), SQLBind(to), SQLBind(tx.actorID), SQLBind(now), SQLBind(reason))
            .run()
        try await tx.audit(AuditEntry(module: "aftersale", action: "appointment.\(action.rawValue)", target: "appointment:\(appointment.id)",
                                      before: appointment.status, after: reason.isEmpty ? to : "\(to): \(reason)"))
        return to
    }

    struct Step: Sendable, Decodable, Equatable {
        let from_status: String
        let to_status: String
        let by_user: Int64?
        let at: Int64
        let reason: String
    }

    static func steps(of id: Int64, db: any SQLDatabase) async throws -> [Step] {
        try await db.select().columns("from_status", "to_status", "by_user", "at", "reason").from("aftersale_appointment_step")
            .where("appointment_id", .equal, id).orderBy("id").all(decoding: Step.self)
    }
}
