/// A left-menu entry of a module, shown only to users holding `permission`.
public struct MenuEntry: Sendable {
    /// Link text.
    public var label: LocalizedText
    /// Path relative to the module's mount point `/m/<id>`, e.g. `/dictionary`.
    public var path: String
    /// Resource and action required to see the entry.
    public var resource: String
    public var action: String
    /// Optional section heading the entry is listed under.
    public var group: LocalizedText?
    /// Another module whose page the entry opens and whose permission it requires (nil: this module).
    /// The entry is hidden while that module is off, e.g. PreSale's "contracts" entry links into Contracts when it is on.
    public var module: String?

    /// Creates a menu entry; `in module` points it at another module's page and permission.
    public init(_ label: LocalizedText, path: String, requires resource: String, _ action: String = "view", group: LocalizedText? = nil,
                in module: String? = nil) {
        self.module = module
        self.label = label
        self.path = path
        self.resource = resource
        self.action = action
        self.group = group
    }
}

/// A dashboard widget of a module, shown only to users holding its permission.
public struct DashboardWidget: Sendable {
    /// Stable id within the module.
    public var id: String
    /// Card title.
    public var title: LocalizedText
    /// Resource and action required to see the widget.
    public var resource: String
    public var action: String
    /// Renders the card body for the current request.
    public var render: @Sendable (ModuleRequest) async throws -> HTML
    /// How long the host may show a rendered card again to the same user (counts over large tables need not be live).
    public var maxAge: Duration

    /// Creates a widget.
    public init(id: String, title: LocalizedText, requires resource: String, _ action: String = "view", maxAge: Duration = .zero,
                render: @escaping @Sendable (ModuleRequest) async throws -> HTML) {
        self.id = id
        self.title = title
        self.resource = resource
        self.action = action
        self.maxAge = maxAge
        self.render = render
    }
}
