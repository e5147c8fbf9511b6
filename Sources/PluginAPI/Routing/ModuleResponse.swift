import Foundation

/// A page's content: the host puts it in the staff layout (or the public layout for root pages).
public struct Page: Sendable {
    /// Title shown in the heading and the window title.
    public var title: String
    /// Content HTML.
    public var body: HTML
    /// Buttons shown right of the heading.
    public var toolbar: HTML

    /// Creates a page.
    public init(title: String, body: HTML, toolbar: HTML = .empty) {
        self.title = title
        self.body = body
        self.toolbar = toolbar
    }
}

/// A flash message shown once on the next page.
public struct Flash: Sendable, Equatable, Codable {
    /// `success`, `error` or `info`.
    public var kind: String
    public var text: String

    /// A success message.
    public static func success(_ text: String) -> Flash { Flash(kind: "success", text: text) }
    /// An error message.
    public static func error(_ text: String) -> Flash { Flash(kind: "error", text: text) }
    /// An informational message.
    public static func info(_ text: String) -> Flash { Flash(kind: "info", text: text) }
}

/// What a module handler answers.
public enum ModuleResponse: Sendable {
    /// Content placed in the layout, with an HTTP status (200 unless a form failed validation: 422).
    case page(Page, status: Int)
    /// JSON bytes with a status.
    case json(status: Int, body: Data)
    /// A redirect (303 See Other) with an optional flash message.
    case redirect(String, flash: Flash?)
    /// Raw bytes, e.g. an export or an image.
    case file(Data, contentType: String, filename: String?)

    /// A 200 page.
    public static func page(title: String, body: HTML, toolbar: HTML = .empty, status: Int = 200) -> ModuleResponse {
        .page(Page(title: title, body: body, toolbar: toolbar), status: status)
    }

    /// A redirect without flash.
    public static func redirect(_ location: String) -> ModuleResponse { .redirect(location, flash: nil) }

    /// Encodes `value` as JSON (keys sorted, ISO-8601 dates).
    public static func json<T: Encodable>(_ value: T, status: Int = 200) throws -> ModuleResponse {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        encoder.dateEncodingStrategy = .iso8601
        return .json(status: status, body: try encoder.encode(value))
    }
}
