import Foundation

/// A button of a ``PagedTable``'s batch bar that POSTs the checked row ids (`ids`) to ``action``.
public struct BatchAction: Sendable, Equatable {
    /// The button text.
    public var label: String
    /// The POST URL.
    public var action: String
    /// A confirmation question asked before submitting.
    public var confirm: String?
    /// Styles the button as destructive.
    public var danger: Bool

    /// Creates a batch action.
    /// - Parameters:
    ///   - label: The button text.
    ///   - action: The POST URL receiving `_csrf` and repeated `ids`.
    ///   - confirm: A confirmation question, if any.
    ///   - danger: Whether the action is destructive.
    public init(label: String, action: String, confirm: String? = nil, danger: Bool = false) {
        self.label = label
        self.action = action
        self.confirm = confirm
        self.danger = danger
    }
}
