import Foundation

/// A small coloured state label for table cells ("已签约", "寻找中", "停用").
///
/// ```swift
/// Badge(text: "已签约", kind: .ok).render()   // <span class="badge ok">已签约</span>
/// ```
public struct Badge: Sendable, Equatable {
    /// The colour family.
    public enum Kind: String, Sendable, Equatable, CaseIterable {
        /// Neutral grey-blue.
        case plain
        /// Good / active (green).
        case ok
        /// Needs attention (amber).
        case warn
        /// Off / inactive (grey).
        case off
        /// Bad / overdue (red).
        case danger
    }

    /// The label (escaped on output).
    public var text: String
    /// The colour family.
    public var kind: Kind

    /// Creates a badge.
    /// - Parameters:
    ///   - text: The label.
    ///   - kind: The colour family; `.plain` by default.
    public init(text: String, kind: Kind = .plain) {
        self.text = text
        self.kind = kind
    }

    /// Renders `<span class="badge [ok|warn|off|danger]">`.
    public func render() -> HTML {
        let cssClass = kind == .plain ? "badge" : "badge \(kind.rawValue)"
        return HTML(raw: "<span class=\"\(cssClass)\">\(escapeHTML(text))</span>")
    }
}
