/// What a route requires: a declared permission, any logged-in user, or nothing (public).
public enum Access: Sendable, Equatable {
    /// The current user needs `action` on the module's `resource`.
    case requires(resource: String, action: String)
    /// Any logged-in staff member (e.g. their own profile).
    case loggedIn
    /// No login; the route is public.
    case publicAccess

    /// Shorthand for `.requires(resource:action:)`.
    public static func requires(_ resource: String, _ action: String) -> Access {
        .requires(resource: resource, action: action)
    }
}

/// HTTP methods a module route can answer.
public enum RouteMethod: String, Sendable, CaseIterable {
    case get = "GET", post = "POST", put = "PUT", patch = "PATCH", delete = "DELETE"
}

/// Where a route is mounted.
public enum RouteMount: Sendable, Equatable {
    /// HTML page under `/m/<id>`.
    case page
    /// JSON under `/api/<id>`.
    case api
    /// Public page at the site root, claimed by the module.
    case root
}
