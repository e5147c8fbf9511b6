import Foundation
import PluginAPI
import SQLKit

/// New, edit and delete: each change in one transaction with its audit entry; invalid input re-renders with 422.
struct PointsFormPages: Sendable {
    func register(_ routes: inout RouteCollector) throws {
        try routes.get("/new", .requires("item", "add"), newForm)
        try routes.post("/", .requires("item", "add"), create)
        try routes.get("/:id/edit", .requires("item", "edit"), editForm)
        try routes.post("/:id", .requires("item", "edit"), update)
        try routes.post("/:id/delete", .requires("item", "delete"), delete)
    }

    func page(_ req: ModuleRequest, title: String, action: String, input: PointsInput, errors: [String: String] = [:]) -> ModuleResponse {
        let form = FormView(action: action, csrfToken: req.csrfToken, fields: input.fields(req, errors: errors), submitLabel: req.t("save"),
                            cancelHref: req.base, formError: errors.isEmpty ? nil : req.uiStrings.formHasErrors, id: "points-form")
        return .page(title: title, body: form.render(strings: req.uiStrings), status: errors.isEmpty ? 200 : 422)
    }

    @Sendable func newForm(_ req: ModuleRequest) async throws -> ModuleResponse {
        page(req, title: req.t("new"), action: req.base, input: PointsInput(FormData()))
    }

    @Sendable func create(_ req: ModuleRequest) async throws -> ModuleResponse {
        guard let user = req.user else { throw ModuleError.unauthenticated }
        let input = PointsInput(req.form)
        let errors = input.errors(req)
        guard errors.isEmpty else { return page(req, title: req.t("new"), action: req.base, input: input, errors: errors) }
        _ = try await Self.insert(req, input, owner: user.id)
        return .redirect(req.base, flash: .success(req.t("saved")))
    }

    @Sendable func editForm(_ req: ModuleRequest) async throws -> ModuleResponse {
        let item = try await PointsItem.load(req, "edit")
        return page(req, title: req.t("edit"), action: "\(req.base)/\(item.id)",
                    input: PointsInput(FormData(fields: ["title": [item.title], "note": [item.note]])))
    }

    @Sendable func update(_ req: ModuleRequest) async throws -> ModuleResponse {
        let item = try await PointsItem.load(req, "edit")
        let input = PointsInput(req.form)
        let errors = input.errors(req)
        guard errors.isEmpty else { return page(req, title: req.t("edit"), action: "\(req.base)/\(item.id)", input: input, errors: errors) }
        try await Self.update(req, item, input)
        return .redirect(req.base, flash: .success(req.t("saved")))
    }

    @Sendable func delete(_ req: ModuleRequest) async throws -> ModuleResponse {
        let item = try await PointsItem.load(req, "delete")
        try await Self.delete(req, item)
        return .redirect(req.base, flash: .success(req.t("deleted")))
    }

    // MARK: - Writes shared with the JSON API

    static func insert(_ req: ModuleRequest, _ input: PointsInput, owner: Int64) async throws -> Int64 {
        try await req.transaction { tx in
            let now = Int64(Date().timeIntervalSince1970)
            let id = try await tx.db.insert(into: "points_item").columns("owner_id", "title", "note", "created_at", "updated_at")
                .values(SQLBind(owner), SQLBind(input.title), SQLBind(input.note), SQLBind(now), SQLBind(now))
                .returning("id").first(decodingColumn: "id", as: Int64.self) ?? 0
            try await tx.audit(AuditEntry(module: "points", action: "item.create", target: "item:\(id)", after: input.title))
            return id
        }
    }

    static func update(_ req: ModuleRequest, _ item: PointsItem, _ input: PointsInput) async throws {
        try await req.transaction { tx in
            try await tx.db.update("points_item").set("title", to: input.title).set("note", to: input.note)
                .set("updated_at", to: Int64(Date().timeIntervalSince1970)).where("id", .equal, item.id).run()
            try await tx.audit(AuditEntry(module: "points", action: "item.update", target: "item:\(item.id)", before: item.title, after: input.title))
        }
    }

    static func delete(_ req: ModuleRequest, _ item: PointsItem) async throws {
        try await req.transaction { tx in
            try await tx.db.delete(from: "points_item").where("id", .equal, item.id).run()
            try await tx.audit(AuditEntry(module: "points", action: "item.delete", target: "item:\(item.id)", before: item.title))
        }
    }
}
