/// A label in the two languages of the UI.
public struct LocalizedText: Sendable, Equatable, Hashable, Codable {
    /// Simplified Chinese (the default language).
    public var zh: String
    /// English.
    public var en: String

    /// Creates a label.
    public init(zh: String, en: String) {
        self.zh = zh
        self.en = en
    }

    /// The text for a language code: `en…` gives English, anything else Chinese.
    public func callAsFunction(_ language: String) -> String {
        Language(code: language) == .en ? en : zh
    }
}

/// The UI languages.
public enum Language: String, Sendable, CaseIterable, Codable {
    case zhCN = "zh-CN"
    case en = "en"

    /// Parses a language code or `Accept-Language`-like tag; unknown → zh-CN.
    public init(code: String) {
        self = code.lowercased().hasPrefix("en") ? .en : .zhCN
    }
}
