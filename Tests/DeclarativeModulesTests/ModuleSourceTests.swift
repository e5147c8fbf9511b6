import DeclarativeModules
import Foundation
@testable import Host
import Members
import PluginAPI
import Settings
import Testing

@Suite("declarative modules: modules.d, the shipped example and the doc")
struct ModuleSourceTests {
    static let compiled: [any Module] = [SettingsModule(), MembersModule()]

    /// A configuration directory with `files` under `modules.d/`.
    func directory(_ files: [String: String]) throws -> String {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("yuelao-modules-\(UUID().uuidString)")
        let folder = root.appendingPathComponent("modules.d")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        for (name, text) in files { try text.write(to: folder.appendingPathComponent(name), atomically: true, encoding: .utf8) }
        return root.path
    }

    static func yaml(_ id: String, field: String = "{ id: a, label: { zh: 甲, en: A }, type: text }") -> String {
        "id: \(id)\nname: { zh: 模块, en: Module }\ntables:\n  - id: t\n    label: { zh: 表, en: T }\n    fields:\n      - \(field)\n"
    }

    @Test("every YAML file of modules.d becomes a module; without the folder there are none")
    func loads() throws {
        let dir = try directory(["b.yaml": Self.yaml("beta"), "a.yml": Self.yaml("alpha"), "notes.txt": "ignored"])
        let modules = try DeclarativeModuleSource.load(configDirectory: dir, compiled: Self.compiled)
        #expect(modules.map(\.id) == ["alpha", "beta"])
        #expect(try DeclarativeModuleSource.load(configDirectory: dir + "/nowhere", compiled: Self.compiled).isEmpty)
    }

    @Test("problems of every file are reported together with the file's path and line; a second file with a taken id is refused")
    func reportsEveryFile() throws {
        let dir = try directory(["a.yaml": Self.yaml("alpha", field: "{ id: a, label: { zh: 甲, en: A }, type: colour }"),
                                 "b.yaml": Self.yaml("members"), "c.yaml": Self.yaml("gamma"), "d.yaml": Self.yaml("gamma")])
        let errors = #expect(throws: DefinitionErrors.self) { try DeclarativeModuleSource.load(configDirectory: dir, compiled: Self.compiled) }
        let lines = errors?.errors.map(\.description) ?? []
        #expect(lines.count == 3)
        #expect(lines.first == "\(dir)/modules.d/a.yaml:7: module 'alpha': unknown field type 'colour' (known: text, integer, money, date, datetime, boolean, dictionary, member, staff)")
        #expect(lines.dropFirst().first == "\(dir)/modules.d/b.yaml:1: module 'members': id 'members' is already used by another module")
        #expect(lines.last == "\(dir)/modules.d/d.yaml:1: module 'gamma': id 'gamma' is already used by another module")
    }

    @Test("module ids that would share table names (<module>_<table>) with another module, and ids too long for PostgreSQL, are refused")
    func tableNameClashes() throws {
        let dir = try directory(["a.yaml": Self.yaml("crm"), "b.yaml": Self.yaml("crm_lead"), "c.yaml": Self.yaml("members_extra"),
                                 "d.yaml": Self.yaml("core_api")])
        let errors = #expect(throws: DefinitionErrors.self) { try DeclarativeModuleSource.load(configDirectory: dir, compiled: Self.compiled) }
        let lines = errors?.errors.map(\.description) ?? []
        #expect(lines == [
            "\(dir)/modules.d/b.yaml:1: module 'crm_lead': module id 'crm_lead' and module 'crm' would share table names: one id may not start with the other followed by '_'",
            "\(dir)/modules.d/c.yaml:1: module 'members_extra': module id 'members_extra' and module 'members' would share table names: one id may not start with the other followed by '_'",
            "\(dir)/modules.d/d.yaml:1: module 'core_api': module id 'core_api' and module 'core' would share table names: one id may not start with the other followed by '_'",
        ])
        let long = String(repeating: "f", count: 40)
        let tooLong = try directory(["a.yaml": Self.yaml("a_rather_long_module_id", field: "{ id: \(long), label: { zh: 甲, en: A }, type: text }")])
        let lengthErrors = #expect(throws: DefinitionErrors.self) { try DeclarativeModuleSource.load(configDirectory: tooLong, compiled: Self.compiled) }
        #expect(lengthErrors?.errors.first?.message.contains("at most 63") == true)
    }

    @Test("the yuelao command finds modules.d next to the configuration it is given and stops on a bad definition")
    func commandLine() throws {
        let good = try directory(["a.yaml": Self.yaml("alpha")])
        let found = try CLI.available(Self.compiled, sources: [DeclarativeModuleSource.modules], config: good + "/modules.yaml")
        #expect(found.map(\.id) == ["settings", "members", "alpha"])
        let bad = try directory(["a.yaml": Self.yaml("alpha", field: "{ id: a, type: text }")])
        #expect(throws: (any Error).self) {
            try CLI.available(Self.compiled, sources: [DeclarativeModuleSource.modules], config: bad + "/modules.yaml")
        }
    }

    @Test("modules.yaml enables a declarative module like any other; its dependencies are checked")
    func enabledByConfig() throws {
        let referrals = try shippedReferrals()
        let loader = ConfigLoader(available: Self.compiled + [referrals])
        let config = try loader.parse("modules:\n  settings: true\n  members: true\n  referrals:\n    enabled: true\n", file: "modules.yaml")
        #expect(config.enabledIDs == ["settings", "members", "referrals"])
        #expect(try loader.parse("modules:\n  settings: true\n  members: true\n", file: "modules.yaml").enabledIDs.contains("referrals") == false)
        let missing = #expect(throws: ConfigErrors.self) { try loader.parse("modules:\n  settings: true\n  referrals: true\n", file: "modules.yaml") }
        #expect(missing?.description.contains("modules.yaml:3: module 'referrals'") == true)
    }

    @Test("the shipped modules.d/referrals.yaml defines the member referrals table")
    func shipped() throws {
        let module = try shippedReferrals()
        #expect(module.manifest.dependencies == ["settings", "members"] && module.manifest.name.en == "Member referrals")
        let table = try #require(module.definition.table("referral"))
        #expect(table.fields.map(\.id) == ["referrer", "referred_name", "mobile", "status", "reward", "referred_on", "rewarded", "matchmaker", "remark"])
        #expect(table.ownerField == "matchmaker" && table.field("mobile")?.unique == true && table.field("mobile")?.format == .mobile)
        #expect(module.menu.map(\.path) == ["/referral"] && module.permissions.map(\.resource) == ["referral"])
        let shippedConfig = try String(contentsOf: repositoryRoot.appendingPathComponent("modules.yaml"), encoding: .utf8)
        #expect(shippedConfig.contains("  referrals:\n    enabled: true"))
    }

    @Test("every module example in docs/declarative-modules.md parses and validates")
    func documentation() throws {
        let doc = try String(contentsOf: repositoryRoot.appendingPathComponent("docs/declarative-modules.md"), encoding: .utf8)
        let blocks = doc.components(separatedBy: "```yaml\n").dropFirst().compactMap { $0.components(separatedBy: "```").first }
        let modules = blocks.filter { $0.hasPrefix("id:") || $0.contains("\nid:") }
        #expect(modules.count >= 1)
        for (index, block) in modules.enumerated() {
            let definition = try DefinitionParser(file: "docs/declarative-modules.md#\(index)", reservedIDs: ["settings", "members"]).parse(block)
            #expect(!definition.tables.isEmpty)
        }
    }
}
