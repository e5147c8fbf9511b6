/// Labels by language and key. Modules contribute theirs; the host merges them into one catalogue.
///
/// ```swift
/// var catalog = MessageCatalog()
/// catalog.add("list.title", zh: "会员列表", en: "Members")
/// ```
public struct MessageCatalog: Sendable {
    /// key → text, per language.
    public private(set) var entries: [Language: [String: String]] = [:]

    /// An empty catalogue.
    public init() {}

    /// Creates a catalogue from `key: (zh, en)` pairs.
    public init(_ pairs: [String: LocalizedText]) {
        for (key, text) in pairs { add(key, zh: text.zh, en: text.en) }
    }

    /// Adds one key in both languages.
    public mutating func add(_ key: String, zh: String, en: String) {
        entries[.zhCN, default: [:]][key] = zh
        entries[.en, default: [:]][key] = en
    }

    /// Adds every entry of `other`, prefixing keys with `prefix.` when given.
    public mutating func merge(_ other: MessageCatalog, prefix: String? = nil) {
        for (language, table) in other.entries {
            for (key, text) in table {
                entries[language, default: [:]][prefix.map { "\($0).\(key)" } ?? key] = text
            }
        }
    }

    /// The text for `key`, falling back to zh-CN, then to the key itself so a missing label is visible.
    public func text(_ key: String, _ language: Language) -> String {
        entries[language]?[key] ?? entries[.zhCN]?[key] ?? key
    }
}
