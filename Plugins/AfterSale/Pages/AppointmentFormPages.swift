import Foundation
import Members
import PluginAPI
import Settings
import SQLKit

/// Arranging an appointment for a member the user may see, and editing it (time, place, opinions …) before it starts.
struct AppointmentFormPages: Sendable {
    func register(_ routes: inout RouteCollector) throws {
        try routes.get("/appointments/new", .requires("appointment", "add"), newForm)
        try routes.post("/appointments", .requires("appointment", "add"), create)
        try routes.get("/appointments/:id/edit", .requires("appointment", "edit"), editForm)
        try routes.post("/appointments/:id", .requires("appointment", "edit"), update)
    }

    static let editable = ["pending", "approved"]

    func page(_ req: ModuleRequest, memberA: MemberRecord, action: String, values: FormData, errors: [String: String], title: String,
              status: Int = 200) async throws -> ModuleResponse {
        let zone = req.site.timeZone
        let kinds = try await DictionaryService.options("appointment_type", db: req.db, cache: req.host.cache, language: req.language)
        let staff = try await MemberDirectory.visibleStaffOptions(req, resource: "appointment")
        func opinions() -> [SelectOption] { Appointment.opinions.map { SelectOption(value: $0, label: req.t("opinion.\($0)")) } }
        let channels = OutboxChannel.allCases.map { SelectOption(value: $0.rawValue, label: req.t("channel.\($0.rawValue)")) }
        let fields = [
            FormField(name: "member_b", label: req.t("appointment.member_b"), kind: .number, value: values["member_b"], required: true,
                      error: errors["member_b"], help: req.t("appointment.memberBHelp")),
            FormField(name: "kind", label: req.t("appointment.kind"), kind: .select(options: kinds, allowEmpty: true), value: values["kind"],
                      required: true, error: errors["kind"]),
            FormField(name: "meet_at", label: req.t("appointment.meet_at"), kind: .datetime, value: values["meet_at"], required: true,
                      error: errors["meet_at"], help: zone),
            FormField(name: "place", label: req.t("appointment.place"), value: values["place"], required: true, error: errors["place"], maxLength: 200),
            FormField(name: "owner_id", label: req.t("appointment.owner_id"), kind: .select(options: staff, allowEmpty: false),
                      value: values["owner_id"].isEmpty ? String(req.user?.id ?? 0) : values["owner_id"], required: true, error: errors["owner_id"]),
            FormField(name: "opinion_a", label: req.t("appointment.opinion_a"), kind: .radio(options: opinions()),
                      value: values["opinion_a"].isEmpty ? "pending" : values["opinion_a"], error: errors["opinion_a"]),
            FormField(name: "opinion_b", label: req.t("appointment.opinion_b"), kind: .radio(options: opinions()),
                      value: values["opinion_b"].isEmpty ? "pending" : values["opinion_b"], error: errors["opinion_b"]),
            FormField(name: "notify", label: req.t("appointment.notify"), kind: .multiSelect(options: channels),
                      value: values.all("notify").joined(separator: ","), error: errors["notify"], help: req.t("appointment.notifyHelp")),
            FormField(name: "remark", label: req.t("appointment.remark"), kind: .textarea(rows: 3), value: values["remark"], error: errors["remark"],
                      maxLength: 1000),
        ]
        let form = FormView(action: action, csrfToken: req.csrfToken, fields: fields, submitLabel: req.t("action.save"),
                            cancelHref: "\(req.base)/\(memberA.id)?tab=appointments", formError: errors.isEmpty ? nil : req.uiStrings.formHasErrors)
        let head = HTML(raw: "<p>") + .text("\(req.t("appointment.member_a"))：\(memberA.username)（UID \(memberA.id)）") + HTML(raw: "</p>")
        return .page(title: "\(title) · \(memberA.username)",
                     body: HTML(raw: "<section class=\"card\">") + head + form.render(strings: req.uiStrings) + HTML(raw: "</section>"), status: status)
    }

    @Sendable func newForm(_ req: ModuleRequest) async throws -> ModuleResponse {
        guard let a = Int64(req.query["a"]) else { throw ModuleError.notFound }
        let memberA = try await MemberDirectory.load(req, id: a)
        let values = FormData(fields: ["member_b": [req.query["b"]], "kind": [req.query["b"].isEmpty ? "" : "recommended"]])
        return try await page(req, memberA: memberA, action: "\(req.base)/appointments?a=\(a)", values: values, errors: [:], title: req.t("appointment.new"))
    }

    @Sendable func create(_ req: ModuleRequest) async throws -> ModuleResponse {
        guard let a = Int64(req.query["a"]) else { throw ModuleError.notFound }
        let memberA = try await MemberDirectory.load(req, id: a)
        let staff = try await MemberDirectory.visibleStaffOptions(req, resource: "appointment")
        let input = try await AppointmentInput.validate(req, memberA: memberA, staff: staff, timeZone: req.site.timeZone)
        guard input.errors.isEmpty, let memberB = input.memberB else {
            return try await page(req, memberA: memberA, action: "\(req.base)/appointments?a=\(a)", values: req.form, errors: input.errors,
                                  title: req.t("appointment.new"), status: 422)
        }
        let id = try await req.transaction { tx in
            let now = Int64(Date().timeIntervalSince1970)
            let id = try await tx.db.insert(into: "aftersale_appointment")
                .columns("member_a", "member_b", "owner_id", "kind", "meet_at", "place", "remark", "opinion_a", "opinion_b", "notify", "status",
                         "created_by", "created_at", "updated_at")
                .values(SQLBind(memberA.id), SQLBind(memberB.id), SQLBind(input.ownerID), SQLBind(input.kind), SQLBind(input.meetAt),
                        SQLBind(input.place), SQLBind(input.remark), SQLBind(input.opinionA), SQLBind(input.opinionB),
                        SQLBind(input.notify.joined(separator: ",")), SQLBind("pending"), SQLBind(req.user?.id), SQLBind(now), SQLBind(now))
                .returning("id").first(decodingColumn: "id", as: Int64.self) ?? 0
            try await tx.db.insert(into: "aftersale_appointment_step").columns("appointment_id", "from_status", "to_status", "by_user", "at", "reason")
                .values(SQLBind(id), SQLBind(""), SQLBind("pending"), SQLBind(req.user?.id), SQLBind(now), SQLBind("")).run()
            try await tx.audit(AuditEntry(module: "aftersale", action: "appointment.create", target: "appointment:\(id)",
                                          after: "member:\(memberA.id) member:\(memberB.id)"))
            return id
        }
        return .redirect("\(req.base)/appointments/\(id)", flash: .success(req.t("appointment.saved")))
    }

    /// Loads appointment `id` for `action`: 404 when its matchmaker is not visible to the user, 403 without the grant.
    static func load(_ req: ModuleRequest, _ action: String) async throws -> Appointment {
        guard let row = try await Appointment.find(try req.id(), db: req.db) else { throw ModuleError.notFound }
        try req.access.require("appointment", action, owner: row.owner_id)
        return row
    }

    func values(of row: Appointment, timeZone: String) -> FormData {
        FormData(fields: ["member_b": [String(row.member_b)], "kind": [row.kind], "meet_at": [AgencyTime.format(row.meet_at, timeZone: timeZone, pattern: "datetime-local")],
                          "place": [row.place], "owner_id": [String(row.owner_id)], "opinion_a": [row.opinion_a], "opinion_b": [row.opinion_b],
                          "notify": row.channels.map(\.rawValue), "remark": [row.remark]])
    }

    @Sendable func editForm(_ req: ModuleRequest) async throws -> ModuleResponse {
        let row = try await Self.load(req, "edit")
        guard Self.editable.contains(row.status) else { throw ModuleError.conflict(req.t("appointment.notEditable")) }
        guard let memberA = try await MemberDirectory.record(id: row.member_a, db: req.db) else { throw ModuleError.notFound }
        return try await page(req, memberA: memberA, action: "\(req.base)/appointments/\(row.id)",
                              values: values(of: row, timeZone: req.site.timeZone), errors: [:], title: req.t("appointment.edit"))
    }

    @Sendable func update(_ req: ModuleRequest) async throws -> ModuleResponse {
        let row = try await Self.load(req, "edit")
        guard Self.editable.contains(row.status) else { throw ModuleError.conflict(req.t("appointment.notEditable")) }
        guard let memberA = try await MemberDirectory.record(id: row.member_a, db: req.db) else { throw ModuleError.notFound }
        let staff = try await MemberDirectory.visibleStaffOptions(req, resource: "appointment")
        let input = try await AppointmentInput.validate(req, memberA: memberA, staff: staff, timeZone: req.site.timeZone)
        guard input.errors.isEmpty, let memberB = input.memberB else {
            return try await page(req, memberA: memberA, action: "\(req.base)/appointments/\(row.id)", values: req.form, errors: input.errors,
                                  title: req.t("appointment.edit"), status: 422)
        }
        let changed = try await req.transaction { tx -> Bool in
            let updated = try await tx.db.update("aftersale_appointment").set("member_b", to: memberB.id).set("owner_id", to: input.ownerID)
                .set("kind", to: input.kind).set("meet_at", to: input.meetAt).set("place", to: input.place).set("remark", to: input.remark)
                .set("opinion_a", to: input.opinionA).set("opinion_b", to: input.opinionB).set("notify", to: input.notify.joined(separator: ","))
                .set("updated_at", to: Int64(Date().timeIntervalSince1970))
                .where("id", .equal, row.id).where("status", .equal, row.status).returning("id").all()
            guard !updated.isEmpty else { return false }
            try await tx.audit(AuditEntry(module: "aftersale", action: "appointment.update", target: "appointment:\(row.id)",
                                          before: "\(row.opinion_a)/\(row.opinion_b) \(row.place)", after: "\(input.opinionA)/\(input.opinionB) \(input.place)"))
            return true
        }
        guard changed else { throw ModuleError.conflict(req.t("flow.changedMeanwhile")) }
        return .redirect("\(req.base)/appointments/\(row.id)", flash: .success(req.t("appointment.saved")))
    }
}
