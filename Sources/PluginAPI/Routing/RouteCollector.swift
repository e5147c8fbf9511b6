import Kernel

/// A request handler of a module.
public typealias RouteHandler = @Sendable (ModuleRequest) async throws -> ModuleResponse

/// One registered route.
public struct RouteSpec: Sendable {
    public var method: RouteMethod
    /// Path relative to the mount point; `:name` segments are parameters.
    public var path: String
    public var mount: RouteMount
    public var access: Access
    /// What a JSON API route takes and answers (every `.api` route has one); nil for pages.
    public var doc: APIDoc?
    public var handler: RouteHandler
}

/// Why a route could not be registered.
public struct RouteRegistrationError: Error, CustomStringConvertible, Equatable {
    /// The module whose route failed.
    public let module: String
    /// Human-readable reason.
    public let description: String

    /// Creates an error for `module`.
    public init(module: String, description: String) {
        self.module = module
        self.description = description
    }
}

/// Collects a module's routes and refuses bad ones at registration.
///
/// A route must state its access: a permission the module declared, `.loggedIn`, or `.publicAccess`.
/// ```swift
/// try routes.get("/notes", .requires("note", "view")) { req in … }
/// try routes.api(.post, "/notes", .requires("note", "add"), doc: APIDoc("Adds a note", body: note, response: note, status: 201)) { req in … }
/// try routes.root(.get, "/events") { req in … }      // public page at the site root
/// ```
public struct RouteCollector: Sendable {
    /// Module being registered.
    public let moduleID: String
    /// Permissions the module may name (its own).
    public let declared: Set<PermissionKey>
    /// The routes so far.
    public private(set) var routes: [RouteSpec] = []

    /// Creates a collector (the host does this).
    public init(moduleID: String, declared: Set<PermissionKey>) {
        self.moduleID = moduleID
        self.declared = declared
    }

    /// Registers a route. `access` nil — a route that states neither a permission nor public — is refused.
    public mutating func add(_ method: RouteMethod, _ path: String, mount: RouteMount, access: Access?, doc: APIDoc? = nil,
                             _ handler: @escaping RouteHandler) throws {
        guard let access else {
            throw RouteRegistrationError(module: moduleID, description: "\(method.rawValue) \(path): route states neither a permission nor public access")
        }
        guard path.hasPrefix("/") else {
            throw RouteRegistrationError(module: moduleID, description: "\(method.rawValue) \(path): path must start with /")
        }
        if case .requires(let resource, let action) = access {
            let key = PermissionKey(module: moduleID, resource: resource, action: action)
            guard declared.contains(key) else {
                throw RouteRegistrationError(module: moduleID, description: "\(method.rawValue) \(path): permission \(key) is not declared by the module")
            }
        }
        if mount == .root, access != .publicAccess {
            throw RouteRegistrationError(module: moduleID, description: "\(method.rawValue) \(path): root pages must be public")
        }
        if routes.contains(where: { $0.method == method && $0.path == path && $0.mount == mount }) {
            throw RouteRegistrationError(module: moduleID, description: "\(method.rawValue) \(path): registered twice")
        }
        if mount == .api, doc?.summary.isEmpty ?? true {
            throw RouteRegistrationError(module: moduleID, description: "\(method.rawValue) \(path): an API route needs an APIDoc with a summary")
        }
        routes.append(RouteSpec(method: method, path: path, mount: mount, access: access, doc: doc, handler: handler))
    }

    /// Registers an HTML GET page under `/m/<id>`.
    public mutating func get(_ path: String, _ access: Access, _ handler: @escaping RouteHandler) throws {
        try add(.get, path, mount: .page, access: access, handler)
    }

    /// Registers an HTML form POST under `/m/<id>` (CSRF-checked by the host).
    public mutating func post(_ path: String, _ access: Access, _ handler: @escaping RouteHandler) throws {
        try add(.post, path, mount: .page, access: access, handler)
    }

    /// Registers a JSON route under `/api/<id>`, described by `doc` in the host's OpenAPI document.
    public mutating func api(_ method: RouteMethod, _ path: String, _ access: Access, doc: APIDoc,
                             _ handler: @escaping RouteHandler) throws {
        try add(method, path, mount: .api, access: access, doc: doc, handler)
    }

    /// Registers a public page at the site root (the path is claimed by this module).
    public mutating func root(_ method: RouteMethod, _ path: String, _ handler: @escaping RouteHandler) throws {
        try add(method, path, mount: .root, access: .publicAccess, handler)
    }
}
