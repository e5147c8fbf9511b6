/// A check a text field's value must pass besides its length.
public enum TextFormat: String, Sendable, Equatable, CaseIterable {
    /// A mainland China mobile number.
    case mobile
    /// An e-mail address.
    case email
}
