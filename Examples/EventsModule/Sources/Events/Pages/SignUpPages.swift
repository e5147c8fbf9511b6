import PluginAPI

/// Signing a member up, cancelling a sign-up, and marking attendance.
struct SignUpPages: Sendable {
    func register(_ routes: inout RouteCollector) throws {
        try routes.post("/:id/signups", .requires("signup", "add"), signUp)
        try routes.post("/:id/signups/:signup/delete", .requires("signup", "delete"), cancel)
        try routes.post("/:id/signups/:signup/attended", .requires("event", "attend"), attended)
    }

    @Sendable func signUp(_ req: ModuleRequest) async throws -> ModuleResponse {
        let event = try await MixerEvent.load(req, "view")
        let raw = req.form["member_id"].trimmingCharacters(in: .whitespaces)
        var v = Validator(language: req.language)
        v.required("member_id", raw, label: req.t("field.member"))
        v.integer("member_id", raw, 1...Int.max, label: req.t("field.member"))
        guard v.isValid, let memberID = Int64(raw) else { throw ModuleError.validation(v.errors) }
        _ = try await SignUpBook.signUp(req, event: event, memberID: memberID)
        return .redirect("\(req.base)/\(event.id)", flash: .success(req.t("signed")))
    }

    @Sendable func cancel(_ req: ModuleRequest) async throws -> ModuleResponse {
        let event = try await MixerEvent.load(req, "view")
        let signup = try await SignUpBook.load(req, event: event)
        try req.access.require("signup", "delete", owner: signup.owner_id)
        try await SignUpBook.cancel(req, signup)
        return .redirect("\(req.base)/\(event.id)", flash: .success(req.t("cancelled")))
    }

    @Sendable func attended(_ req: ModuleRequest) async throws -> ModuleResponse {
        let event = try await MixerEvent.load(req, "attend")
        let signup = try await SignUpBook.load(req, event: event)
        try await SignUpBook.markAttended(req, signup)
        return .redirect("\(req.base)/\(event.id)", flash: .success(req.t("attended")))
    }
}
