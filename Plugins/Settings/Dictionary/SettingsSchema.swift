import Foundation
import PluginAPI
import SQLKit

/// Tables of the Settings module: option lists and their options, seeded from the shipped `dictionary.json`.
enum SettingsSchema {
    static let migrations: [Migration] = [
        Migration(version: 1, name: "dictionary lists and options") { db in
            try await db.create(table: "settings_dict_list")
                .column("key", type: .text, .primaryKey(autoIncrement: false))
                .column("name_zh", type: .text, .notNull)
                .column("name_en", type: .text, .notNull)
                .column("sort_order", type: .int, .notNull, .default(0))
                .run()
            try await db.create(table: "settings_dict_option")
                .column("id", type: .bigint, .primaryKey(autoIncrement: true))
                .column("list_key", type: .text, .notNull, .references("settings_dict_list", "key", onDelete: .cascade))
                .column("code", type: .text, .notNull)
                .column("label_zh", type: .text, .notNull)
                .column("label_en", type: .text, .notNull)
                .column("sort_order", type: .int, .notNull, .default(0))
                .column("enabled", type: .int, .notNull, .default(1))
                .unique("list_key", "code")
                .run()
            try await db.create(index: "settings_dict_option_list_idx").on("settings_dict_option").column("list_key").column("sort_order").run()
        },
        Migration(version: 2, name: "default option lists") { db in
            for (index, list) in try DefaultDictionary.load().enumerated() {
                try await db.insert(into: "settings_dict_list").columns("key", "name_zh", "name_en", "sort_order")
                    .values(SQLBind(list.key), SQLBind(list.zh), SQLBind(list.en), SQLBind(index)).run()
                let insert = db.insert(into: "settings_dict_option").columns("list_key", "code", "label_zh", "label_en", "sort_order", "enabled")
                for (position, option) in list.options.enumerated() {
                    insert.values(SQLBind(list.key), SQLBind(option.code), SQLBind(option.zh), SQLBind(option.en), SQLBind(position * 10), SQLBind(1))
                }
                if !list.options.isEmpty { try await insert.run() }
            }
        },
    ]
}

/// The shipped default lists.
enum DefaultDictionary {
    struct File: Decodable { let lists: [List] }
    struct List: Decodable { let key: String; let zh: String; let en: String; let options: [Option] }
    struct Option: Decodable { let code: String; let zh: String; let en: String }

    static func load() throws -> [List] {
        guard let url = Bundle.module.url(forResource: "dictionary", withExtension: "json", subdirectory: "Resources") else {
            throw ModuleError.badRequest("dictionary.json is missing from the Settings bundle")
        }
        return try JSONDecoder().decode(File.self, from: Data(contentsOf: url)).lists
    }
}
