import Foundation
import HostTesting
import PluginAPI
import Settings
import SQLKit
import Testing

@Suite("DictionaryService, as other modules read the dictionary")
struct DictionaryServiceTests {
    static let education = ["junior_high_or_below", "high_school", "vocational_secondary", "associate", "bachelor", "master", "doctorate", "postdoctoral"]

    @Test("options returns the enabled options of a list in sort order, labelled in the requested language")
    func options() async throws {
        let t = try await TestHost.make(modules: [SettingsModule()])
        try await t.test { _ in
            let shipped = try await DictionaryService.options("education", db: t.db, language: .zhCN)
            #expect(shipped.map(\.value) == Self.education)
            #expect(shipped.first { $0.value == "bachelor" }?.label == "本科")
            let english = try await DictionaryService.options("education", db: t.db, language: .en)
            #expect(english.first { $0.value == "bachelor" }?.label == "Bachelor's degree")

            try await t.db.update("settings_dict_option").set("enabled", to: 0).where("list_key", .equal, "education").where("code", .equal, "associate").run()
            try await t.db.update("settings_dict_option").set("sort_order", to: -1).where("list_key", .equal, "education").where("code", .equal, "master").run()
            let changed = try await DictionaryService.options("education", db: t.db, language: .zhCN).map(\.value)
            #expect(changed == ["master", "junior_high_or_below", "high_school", "vocational_secondary", "bachelor", "doctorate", "postdoctoral"])

            let labels = try await DictionaryService.labels("education", db: t.db, language: .zhCN)
            #expect(labels["associate"] == "大专")                     // disabled options still label old records
            #expect(try await DictionaryService.options("no_such_list", db: t.db, language: .zhCN).isEmpty)
        }
    }

    @Test("all includes disabled options only when asked")
    func allIncludesDisabled() async throws {
        let t = try await TestHost.make(modules: [SettingsModule()])
        try await t.test { _ in
            try await t.db.update("settings_dict_option").set("enabled", to: 0).where("list_key", .equal, "gender").where("code", .equal, "female").run()
            #expect(try await DictionaryService.all("gender", db: t.db).map(\.code) == ["male"])
            let every = try await DictionaryService.all("gender", db: t.db, includeDisabled: true)
            #expect(every.map(\.code) == ["male", "female"] && every.map(\.enabled) == [true, false])
        }
    }

    @Test("the dictionary API answers the enabled options as JSON, all of them with ?all=1")
    func api() async throws {
        let t = try await TestHost.make(modules: [SettingsModule()])
        try await t.admin()
        try await t.db.update("settings_dict_option").set("enabled", to: 0).where("list_key", .equal, "gender").where("code", .equal, "female").run()
        try await t.test { client in
            var admin = try await Browser.login(client, "admin")
            let page = try await admin.get("/api/settings/dictionary/gender")
            #expect(page.status == .ok)
            let enabled = try JSONDecoder().decode([DictionaryService.Option].self, from: Data(page.text.utf8))
            #expect(enabled.map(\.code) == ["male"] && enabled.first?.labelZh == "男")
            let all = try JSONDecoder().decode([DictionaryService.Option].self, from: Data(try await admin.get("/api/settings/dictionary/gender?all=1").text.utf8))
            #expect(all.map(\.code) == ["male", "female"])
            #expect(try await admin.get("/api/settings/dictionary/nope").status == .notFound)
        }
    }
}
