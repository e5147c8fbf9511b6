import PluginAPI

/// Where a table's list appears in the left menu.
public struct MenuPlacement: Sendable, Equatable {
    /// Link text.
    public var label: LocalizedText
    /// Section heading (default: the module's name).
    public var group: LocalizedText?
    /// Position among the module's entries (lower first; default: file order).
    public var order: Int

    /// Creates a placement.
    public init(label: LocalizedText, group: LocalizedText?, order: Int) {
        self.label = label
        self.group = group
        self.order = order
    }
}
