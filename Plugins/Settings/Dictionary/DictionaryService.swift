import PluginAPI
import SQLKit

/// The data dictionary as other modules read it (modules that depend on `settings`).
///
/// ```swift
/// let education = try await DictionaryService.options("education", db: req.db, language: req.language)
/// FormField(name: "education", label: "学历", kind: .select(options: education, allowEmpty: true))
/// ```
public enum DictionaryService {
    /// One option of a list.
    public struct Option: Sendable, Equatable, Codable {
        public let id: Int64
        public let code: String
        public let labelZh: String
        public let labelEn: String
        public let sortOrder: Int
        public let enabled: Bool

        /// The label in `language`.
        public func label(_ language: Language) -> String { language == .en ? labelEn : labelZh }
    }

    struct Row: Decodable { let id: Int64; let code: String; let label_zh: String; let label_en: String; let sort_order: Int; let enabled: Int }

    /// How long a process keeps an option list (edits made through this process show at once).
    static let cacheAge: Duration = .seconds(3)

    /// Every option of `list` in display order (disabled ones included when `includeDisabled`), through the host's cache.
    public static func all(_ list: String, db: any SQLDatabase, cache: ModuleCache? = nil, includeDisabled: Bool = false) async throws -> [Option] {
        let load: () async throws -> [Option] = {
            try await db.select().columns("id", "code", "label_zh", "label_en", "sort_order", "enabled").from("settings_dict_option")
                .where("list_key", .equal, list).orderBy("sort_order").orderBy("id").all(decoding: Row.self).map {
                    Option(id: $0.id, code: $0.code, labelZh: $0.label_zh, labelEn: $0.label_en, sortOrder: $0.sort_order, enabled: $0.enabled == 1)
                }
        }
        let options: [Option]
        if let cache { options = try await cache.value("settings.dict.\(list)", maxAge: cacheAge, load: load) } else { options = try await load() }
        return includeDisabled ? options : options.filter(\.enabled)
    }

    /// Forgets the cached lists after an edit.
    static func invalidate(_ cache: ModuleCache) { cache.invalidate(prefix: "settings.dict.") }

    /// The enabled options of `list` as select options labelled in `language`.
    public static func options(_ list: String, db: any SQLDatabase, cache: ModuleCache? = nil, language: Language) async throws -> [SelectOption] {
        try await all(list, db: db, cache: cache).map { SelectOption(value: $0.code, label: $0.label(language)) }
    }

    /// Code → label of `list` in `language` (disabled options included, so old records still show their label).
    public static func labels(_ list: String, db: any SQLDatabase, cache: ModuleCache? = nil, language: Language) async throws -> [String: String] {
        Dictionary(try await all(list, db: db, cache: cache, includeDisabled: true).map { ($0.code, $0.label(language)) }, uniquingKeysWith: { a, _ in a })
    }

    /// Adds list `key` with `options` (code, Chinese label, English label) unless it exists: for a module's migration
    /// that brings its own list (administrators edit it afterwards like any other).
    public static func ensureList(_ key: String, name: LocalizedText, options: [(code: String, zh: String, en: String)],
                                  db: any SQLDatabase) async throws {
        guard try await db.select().column("key").from("settings_dict_list").where("key", .equal, key).first() == nil else { return }
        let position = try await db.select().column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n").from("settings_dict_list")
            .first(decodingColumn: "n", as: Int.self) ?? 0
        try await db.insert(into: "settings_dict_list").columns("key", "name_zh", "name_en", "sort_order")
            .values(SQLBind(key), SQLBind(name.zh), SQLBind(name.en), SQLBind(position)).run()
        let insert = db.insert(into: "settings_dict_option").columns("list_key", "code", "label_zh", "label_en", "sort_order", "enabled")
        for (index, option) in options.enumerated() {
            insert.values(SQLBind(key), SQLBind(option.code), SQLBind(option.zh), SQLBind(option.en), SQLBind(index * 10), SQLBind(1))
        }
        if !options.isEmpty { try await insert.run() }
    }
}
