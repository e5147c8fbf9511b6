/// A section one module adds to another module's record page, without the page's module depending on it: Finance puts a
/// contract's payments on the contract page that Contracts renders.
///
/// The page's module names a slot and asks for what enabled modules put there; each panel runs with the request as its
/// own module's (``ModuleRequest/asModule(_:)``), so its permission checks are about its own resources, and it returns nil
/// when it has nothing to show this user.
///
/// ```swift
/// // Finance
/// var panels: [RecordPanel] {
///     [RecordPanel(slot: "contracts.contract") { req, contractID in try await ContractPaymentsPanel.render(req, contractID) }]
/// }
/// // Contracts, on the contract page
/// body += try await req.panels("contracts.contract", id: contract.id)
/// ```
public struct RecordPanel: Sendable {
    /// Where the panel goes: `<page's module>.<record kind>`, e.g. `contracts.contract`.
    public var slot: String
    /// The panel's HTML for record `id`, nil to show nothing.
    public var render: @Sendable (ModuleRequest, Int64) async throws -> HTML?

    /// Creates a panel for `slot`.
    public init(slot: String, render: @escaping @Sendable (ModuleRequest, Int64) async throws -> HTML?) {
        self.slot = slot
        self.render = render
    }
}

extension ModuleRequest {
    /// What the enabled modules put into `slot` for record `id`, in module order (empty when nothing).
    public func panels(_ slot: String, id: Int64) async throws -> HTML {
        var out = HTML.empty
        for (moduleID, panel) in host.panels(slot: slot) {
            if let html = try await panel.render(asModule(moduleID), id) { out += html }
        }
        return out
    }
}
