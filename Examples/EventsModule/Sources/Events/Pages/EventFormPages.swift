import Foundation
import PluginAPI
import SQLKit

/// New, edit and delete an event; invalid input re-renders with 422 and writes nothing.
struct EventFormPages: Sendable {
    func register(_ routes: inout RouteCollector) throws {
        try routes.get("/new", .requires("event", "add"), newForm)
        try routes.post("/", .requires("event", "add"), create)
        try routes.get("/:id/edit", .requires("event", "edit"), editForm)
        try routes.post("/:id", .requires("event", "edit"), update)
        try routes.post("/:id/delete", .requires("event", "delete"), delete)
    }

    func page(_ req: ModuleRequest, title: String, action: String, input: EventInput, errors: [String: String] = [:]) -> ModuleResponse {
        let form = FormView(action: action, csrfToken: req.csrfToken, fields: input.fields(req, errors: errors), submitLabel: req.t("save"),
                            cancelHref: req.base, formError: errors.isEmpty ? nil : req.uiStrings.formHasErrors, id: "event-form")
        return .page(title: title, body: form.render(strings: req.uiStrings), status: errors.isEmpty ? 200 : 422)
    }

    @Sendable func newForm(_ req: ModuleRequest) async throws -> ModuleResponse {
        let capacity = String(req.settings.int("default_capacity", 30))
        return page(req, title: req.t("new"), action: req.base, input: EventInput(FormData(fields: ["capacity": [capacity]])))
    }

    @Sendable func create(_ req: ModuleRequest) async throws -> ModuleResponse {
        guard let user = req.user else { throw ModuleError.unauthenticated }
        let input = EventInput(req.form), zone = try await req.host.site.all().timeZone
        let errors = input.errors(req, timeZone: zone)
        guard errors.isEmpty, let startsAt = AgencyTime.parseLocal(input.startsAt, timeZone: zone), let capacity = Int(input.capacity) else {
            return page(req, title: req.t("new"), action: req.base, input: input, errors: errors)
        }
        let id = try await req.transaction { tx in
            let now = Int64(Date().timeIntervalSince1970)
            let id = try await tx.db.insert(into: "events_event")
                .columns("owner_id", "title", "venue", "starts_at", "capacity", "signed_up", "note", "created_at", "updated_at")
                .values(SQLBind(user.id), SQLBind(input.title), SQLBind(input.venue), SQLBind(startsAt), SQLBind(capacity), SQLBind(0),
                        SQLBind(input.note), SQLBind(now), SQLBind(now))
                .returning("id").first(decodingColumn: "id", as: Int64.self) ?? 0
            try await tx.audit(AuditEntry(module: "events", action: "event.create", target: "event:\(id)", after: input.title))
            return id
        }
        return .redirect("\(req.base)/\(id)", flash: .success(req.t("saved")))
    }

    @Sendable func editForm(_ req: ModuleRequest) async throws -> ModuleResponse {
        let event = try await MixerEvent.load(req, "edit")
        let input = EventInput(event, timeZone: try await req.host.site.all().timeZone)
        return page(req, title: req.t("edit"), action: "\(req.base)/\(event.id)", input: input)
    }

    @Sendable func update(_ req: ModuleRequest) async throws -> ModuleResponse {
        let event = try await MixerEvent.load(req, "edit")
        let input = EventInput(req.form), zone = try await req.host.site.all().timeZone
        let errors = input.errors(req, timeZone: zone, signedUp: event.signed_up)
        guard errors.isEmpty, let startsAt = AgencyTime.parseLocal(input.startsAt, timeZone: zone), let capacity = Int(input.capacity) else {
            return page(req, title: req.t("edit"), action: "\(req.base)/\(event.id)", input: input, errors: errors)
        }
        let saved = try await req.transaction { tx in
            // The capacity may not drop below the sign-ups taken meanwhile: the same condition as a sign-up.
            let row = try await tx.db.update("events_event").set("title", to: input.title).set("venue", to: input.venue)
                .set("starts_at", to: startsAt).set("capacity", to: capacity).set("note", to: input.note)
                .set("updated_at", to: Int64(Date().timeIntervalSince1970))
                .where("id", .equal, event.id).where("signed_up", .lessThanOrEqual, capacity).returning("id").first()
            if row != nil {
                try await tx.audit(AuditEntry(module: "events", action: "event.update", target: "event:\(event.id)",
                                              before: "\(event.title) \(event.capacity)", after: "\(input.title) \(capacity)"))
            }
            return row != nil
        }
        guard saved else { throw ModuleError.conflict(req.t("full")) }
        return .redirect("\(req.base)/\(event.id)", flash: .success(req.t("saved")))
    }

    @Sendable func delete(_ req: ModuleRequest) async throws -> ModuleResponse {
        let event = try await MixerEvent.load(req, "delete")
        try await req.transaction { tx in
            try await tx.db.delete(from: "events_signup").where("event_id", .equal, event.id).run()
            try await tx.db.delete(from: "events_event").where("id", .equal, event.id).run()
            try await tx.audit(AuditEntry(module: "events", action: "event.delete", target: "event:\(event.id)",
                                          before: "\(event.title) (\(event.signed_up))"))
        }
        return .redirect(req.base, flash: .success(req.t("deleted")))
    }
}
