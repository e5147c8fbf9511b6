import Foundation

/// One choice of a select, multi-select or radio field.
public struct SelectOption: Sendable, Equatable, Hashable {
    /// The submitted value.
    public var value: String
    /// The visible label (escaped on output).
    public var label: String

    /// Creates an option.
    /// - Parameters:
    ///   - value: The submitted value.
    ///   - label: The visible label.
    public init(value: String, label: String) {
        self.value = value
        self.label = label
    }
}
