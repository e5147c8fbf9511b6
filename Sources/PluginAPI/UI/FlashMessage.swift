import Foundation

/// A one-off notice at the top of the content area ("保存成功", "无权访问"…).
///
/// ```swift
/// FlashMessage(kind: .success, text: "会员已保存").render()
/// ```
public struct FlashMessage: Sendable, Equatable {
    /// How the notice is styled and announced.
    public enum Kind: String, Sendable, Equatable, CaseIterable {
        /// Something worked (green).
        case success
        /// Something failed (red, announced immediately).
        case error
        /// Neutral information (blue).
        case info
        /// A caution (amber).
        case warning
    }

    /// The style.
    public var kind: Kind
    /// The message (escaped on output).
    public var text: String

    /// Creates a notice.
    /// - Parameters:
    ///   - kind: The style.
    ///   - text: The message.
    public init(kind: Kind, text: String) {
        self.kind = kind
        self.text = text
    }

    /// Renders `<div class="flash success|error|info|warning" role="status|alert">`.
    public func render() -> HTML {
        let role = kind == .error ? "alert" : "status"
        return HTML(raw: "<div class=\"flash \(kind.rawValue)\" role=\"\(role)\">\(escapeHTML(text))</div>")
    }
}
