import Kernel
import SQLKit

/// The logged-in staff member of a request.
public struct CurrentUser: Sendable, Equatable {
    public var id: Int64
    public var login: String
    public var name: String
    public var roleID: Int64
    public var roleName: String
    public var isSystemAdmin: Bool

    /// Creates a current user (the host does this).
    public init(id: Int64, login: String, name: String, roleID: Int64, roleName: String, isSystemAdmin: Bool) {
        self.id = id
        self.login = login
        self.name = name
        self.roleID = roleID
        self.roleName = roleName
        self.isSystemAdmin = isSystemAdmin
    }
}

/// Everything a module handler sees of a request.
public struct ModuleRequest: Sendable {
    public var method: RouteMethod
    /// The full path, e.g. `/m/settings/dictionary/3`.
    public var path: String
    /// Path parameters (`:id` → `id`).
    public var parameters: [String: String]
    /// The query string.
    public var query: FormData
    /// The submitted form (url-encoded or multipart); empty for GET.
    public var form: FormData
    /// The raw body of JSON API requests.
    public var body: [UInt8]
    /// The logged-in user, nil on public pages.
    public var user: CurrentUser?
    /// The user's language.
    public var language: Language
    /// The CSRF token to put in forms.
    public var csrfToken: String
    /// The module handling the request.
    public var moduleID: String
    /// The module's settings from `modules.yaml`.
    public var settings: ModuleSettings
    /// The kernel bound to this user and module.
    public var access: AccessControl
    /// Host services.
    public var host: any HostServices
    /// The client's IP address ("" when unknown), e.g. for rate limits on public forms.
    public var clientAddress: String
    /// The site settings (branding, page sizes, time zone …) at the version this request was prepared with, read once by the
    /// host's pipeline; a change made by a request is seen from the next one.
    public var site: SiteSettings

    /// Creates a request (the host does this).
    public init(method: RouteMethod, path: String, parameters: [String: String], query: FormData, form: FormData,
                body: [UInt8], user: CurrentUser?, language: Language, csrfToken: String, moduleID: String,
                settings: ModuleSettings, access: AccessControl, host: any HostServices, site: SiteSettings, clientAddress: String = "") {
        self.clientAddress = clientAddress
        self.site = site
        self.method = method
        self.path = path
        self.parameters = parameters
        self.query = query
        self.form = form
        self.body = body
        self.user = user
        self.language = language
        self.csrfToken = csrfToken
        self.moduleID = moduleID
        self.settings = settings
        self.access = access
        self.host = host
    }

    /// The database (one pooled connection per statement; use `transaction` for multi-row changes).
    public var db: any SQLDatabase { host.database }

    /// A path parameter parsed as a 64-bit id, or `ModuleError.notFound`.
    public func id(_ name: String = "id") throws -> Int64 {
        guard let raw = parameters[name], let id = Int64(raw), id > 0 else { throw ModuleError.notFound }
        return id
    }

    /// The label `key` of this module's catalogue (or a host key when `key` starts with `core.`) in the user's language.
    public func t(_ key: String) -> String {
        host.messages.text(key.hasPrefix("core.") ? key : "\(moduleID).\(key)", language)
    }

    /// Localises a two-language label.
    public func t(_ text: LocalizedText) -> String { text(language.rawValue) }

    /// The UI kit strings for the user's language.
    public var uiStrings: UIStrings { UIStrings.forLanguage(language.rawValue) }

    /// Runs `body` in one transaction with this user as actor.
    public func transaction<T: Sendable>(_ body: @escaping @Sendable (Transaction) async throws -> T) async throws -> T {
        try await host.transaction(actorID: user?.id, body)
    }

    /// The mount path of this module's pages, e.g. `/m/settings`.
    public var base: String { "/m/\(moduleID)" }

    /// The same request as module `id` sees it: its permissions, messages, settings and mount path.
    /// A module passes this to the public API of a module it depends on, so that module judges with its own permissions.
    public func asModule(_ id: String) -> ModuleRequest {
        var copy = self
        copy.moduleID = id
        copy.access = access.forModule(id)
        copy.settings = host.settings(of: id)
        return copy
    }
}
