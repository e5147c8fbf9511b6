import Members
import PluginAPI
import Settings
import SQLKit

/// One appointment: its details, both members' meetings against their contracts' minimum, the flow history, and the
/// steps the user may take now (approve, reject, start, complete, cancel, evaluate).
struct AppointmentActionPages: Sendable {
    func register(_ routes: inout RouteCollector) throws {
        try routes.get("/appointments/:id", .requires("appointment", "view"), show)
        for action in AppointmentFlow.Action.allCases {
            try routes.post("/appointments/:id/\(action.rawValue)", .requires("appointment", AppointmentFlow.permission(action))) { req in
                try await Self.step(req, action)
            }
        }
    }

    @Sendable func show(_ req: ModuleRequest) async throws -> ModuleResponse {
        try await Self.page(req, try await AppointmentFormPages.load(req, "view"))
    }

    static func page(_ req: ModuleRequest, _ row: Appointment, errors: [String: String] = [:], status: Int = 200) async throws -> ModuleResponse {
        let members = try await MemberDirectory.records(ids: [row.member_a, row.member_b], db: req.db)
        let presenter = try await MemberDirectory.presenter(req, members: Array(members.values))
        let kinds = try await DictionaryService.labels("appointment_type", db: req.db, cache: req.host.cache, language: req.language)
        let steps = try await AppointmentFlow.steps(of: row.id, db: req.db)
        func item(_ key: String, _ value: String) -> String { "<dt>\(escapeHTML(req.t(key)))</dt><dd>\(escapeHTML(value.isEmpty ? "—" : value))</dd>" }
        var html = "<section class=\"card\"><dl class=\"profile\">"
        for (key, id) in [("appointment.member_a", row.member_a), ("appointment.member_b", row.member_b)] {
            let m = members[id]
            let meetings = try await ServiceContracts.meetings(of: id, db: req.db)
            html += item(key, "\(m?.username ?? "#\(id)")（UID \(id)） \(m.map(presenter.summary) ?? "") · "
                         + "\(req.t("appointment.completedMeetings")) \(meetings.completed) / \(req.t("appointment.minMeetings")) \(meetings.minimum)")
        }
        html += item("field.status", req.t("status.\(row.status)")) + item("appointment.kind", kinds[row.kind] ?? row.kind)
        html += item("appointment.meet_at", presenter.time(row.meet_at)) + item("appointment.place", row.place)
        html += item("appointment.owner_id", presenter.staffName(row.owner_id))
        html += item("appointment.opinion_a", req.t("opinion.\(row.opinion_a)")) + item("appointment.opinion_b", req.t("opinion.\(row.opinion_b)"))
        html += item("appointment.notify", row.channels.map { req.t("channel.\($0.rawValue)") }.joined(separator: "、"))
        html += item("appointment.remark", row.remark)
        if !row.reason.isEmpty { html += item("appointment.reason", row.reason) }
        if row.status == "evaluated" {
            for side in ["a", "b"] {
                let result = side == "a" ? row.result_a : row.result_b, rating = side == "a" ? row.rating_a : row.rating_b
                let comment = side == "a" ? row.comment_a : row.comment_b
                html += item("appointment.evaluation_\(side)", "\(req.t("result.\(result)")) · \(rating.map { "\($0)/5" } ?? "—") · \(comment)")
            }
        }
        html += "</dl></section><section class=\"card\"><h2>\(escapeHTML(req.t("appointment.history")))</h2><ol class=\"timeline\">"
        for s in steps {
            let what = s.from_status.isEmpty ? req.t("status.\(s.to_status)") : "\(req.t("status.\(s.from_status)")) → \(req.t("status.\(s.to_status)"))"
            html += "<li class=\"timeline-item\"><p class=\"muted\">\(escapeHTML(presenter.time(s.at))) · \(escapeHTML(presenter.staffName(s.by_user)))</p>"
                + "<p>\(escapeHTML(what))\(s.reason.isEmpty ? "" : "：" + escapeHTML(s.reason))</p></li>"
        }
        html += "</ol></section>"
        let body = HTML(raw: html) + (try await AppointmentStepForms(req: req, row: row, errors: errors).render())
        var toolbar = HTML.empty
        if AppointmentFormPages.editable.contains(row.status), req.access.decide("appointment", "edit", owner: row.owner_id) == .allowed {
            toolbar = HTML.link(req.t("appointment.edit"), href: "\(req.base)/appointments/\(row.id)/edit", class: "btn")
        }
        return .page(title: "\(req.t("appointment.title")) #\(row.id)", body: body, toolbar: toolbar, status: status)
    }

    /// Takes `action`: a refused step (wrong state, no reason, no agreement, someone was first) changes nothing and answers 409;
    /// an incomplete evaluation re-renders the page with the field errors (422). Approval and cancellation notify both sides.
    static func step(_ req: ModuleRequest, _ action: AppointmentFlow.Action) async throws -> ModuleResponse {
        let row = try await AppointmentFormPages.load(req, AppointmentFlow.permission(action))
        var evaluation: AppointmentFlow.Evaluation?
        if action == .evaluate {
            let (value, errors) = AppointmentStepForms.readEvaluation(req)
            guard let value else { return try await page(req, row, errors: errors, status: 422) }
            evaluation = value
        }
        let zone = req.site.timeZone
        let reason = req.form["reason"]
        let chosen = evaluation
        var queued = 0
        do {
            queued = try await req.transaction { tx -> Int in
                let to = try await AppointmentFlow.take(action, on: row, reason: reason, evaluation: chosen, tx: tx)
                if to == "completed" {
                    try await tx.publish(Event("appointment.completed", ["appointment_id": String(row.id), "member_a": String(row.member_a),
                                                                         "member_b": String(row.member_b)]))
                }
                let notifies = action == .approve || (action == .cancel && row.status != "pending")
                guard notifies, let a = try await MemberDirectory.record(id: row.member_a, db: tx.db),
                      let b = try await MemberDirectory.record(id: row.member_b, db: tx.db) else { return 0 }
                var updated = row
                updated.reason = reason.trimmingCharacters(in: .whitespacesAndNewlines)
                return try await AppointmentNotice.queue(action == .approve ? .approved : .cancelled, updated, a: a, b: b, timeZone: zone, tx: tx)
            }
        } catch let refusal as AppointmentFlow.Refusal {
            throw ModuleError.conflict(req.t(refusal.key))
        }
        var text = req.t("step.done.\(action.rawValue)")
        if queued > 0 { text += " " + req.t("appointment.queued").replacingOccurrences(of: "{n}", with: String(queued)) }
        return .redirect("\(req.base)/appointments/\(row.id)", flash: .success(text))
    }
}
