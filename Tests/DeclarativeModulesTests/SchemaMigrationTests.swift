import DeclarativeModules
import Foundation
@testable import Host
import HostTesting
import Logging
import Members
import PluginAPI
import Settings
import SQLKit
import Testing

@Suite("declarative modules: migrations from the definition")
struct SchemaMigrationTests {
    static let name = "      - { id: name, label: { zh: 姓名, en: Name }, type: text, required: true }"
    static let phone = "      - { id: phone, label: { zh: 电话, en: Phone }, type: text }"
    static let budget = "      - { id: budget, label: { zh: 预算, en: Budget }, type: money }"
    static let metAt = "      - { id: met_at, label: { zh: 见面时间, en: Met at }, type: datetime }"
    static let visits = "      - { id: visits, label: { zh: 到访次数, en: Visits }, type: integer, min: 0 }"

    static func definition(_ fields: [String]) throws -> ModuleDefinition {
        try DefinitionParser(file: "modules.d/leads.yaml").parse("""
        id: leads
        name: { zh: 线索, en: Leads }
        tables:
          - id: lead
            label: { zh: 线索, en: Lead }
            fields:
        \(fields.joined(separator: "\n"))
        """)
    }

    static func modules(_ fields: [String]) throws -> [any Module] {
        [SettingsModule(), MembersModule(), DeclarativeModule(try definition(fields))]
    }

    struct Lead: Decodable { let name: String?; let phone: String? }

    @Test("a dictionary field whose list exists nowhere is reported; one bringing options creates its list once")
    func dictionaryLists() async throws {
        let definition = try DefinitionParser(file: "modules.d/gifts.yaml").parse("""
        id: gifts
        name: { zh: 礼品, en: Gifts }
        depends_on: [settings]
        tables:
          - id: gift
            label: { zh: 礼品, en: Gift }
            fields:
              - { id: kind, label: { zh: 类型, en: Kind }, type: dictionary, list: gift_kind }
              - { id: size, label: { zh: 尺码, en: Size }, type: dictionary, list: gift_size, options: [{ code: s, zh: 小, en: S }] }
        """)
        let t = try await TestHost.make(modules: [SettingsModule(), DeclarativeModule(definition)])
        #expect(try await t.count("settings_dict_option", where: "list_key", "gift_size") == 1)
        #expect(try await SchemaSync(definition: definition, logger: Logger(label: "test")).notes(t.db)
                == ["table gifts_gift: field kind: dictionary list 'gift_kind' does not exist: add it under Settings → data dictionary (or give the field options)"])
        try await t.admin()
        try await t.test { client in
            var admin = try await Browser.login(client, "admin")
            let refused = try await admin.json(.post, "/api/gifts/gift", body: #"{"size": "xl"}"#)
            #expect(refused.status == .unprocessableContent && (Browser.object(refused)["fields"] as? [String: String])?["size"] == "尺码：请从列表中选择。")
            let broken = try await admin.json(.post, "/api/gifts/gift", body: "[1, 2]")
            #expect(broken.status == .badRequest && Browser.object(broken)["message"] as? String == "请求体须为 JSON 对象。")
            #expect(try await admin.json(.post, "/api/gifts/gift", body: #"{"size": "s"}"#).status == .created)
        }
    }

    @Test("a definition changed back to an earlier one is applied again: the unique index of a reverted field goes")
    func revert() async throws {
        let uniquePhone = "      - { id: phone, label: { zh: 电话, en: Phone }, type: text, unique: true }"
        let enabled = ["settings", "members", "leads"]
        @Sendable func insert(_ t: TestHost, _ phone: String) async throws {
            try await t.db.insert(into: "leads_lead").columns("name", "phone", "owner_id", "created_at", "updated_at")
                .values(SQLBind("甲"), SQLBind(phone), SQLBind(Int64(1)), SQLBind(Int64(0)), SQLBind(Int64(0))).run()
        }
        var t = try await TestHost.make(modules: try Self.modules([Self.name, Self.phone]))
        t = try await t.reopen(modules: try Self.modules([Self.name, uniquePhone]), enabled: enabled)
        try await insert(t, "010-1")
        await #expect(throws: (any Error).self) { try await insert(t, "010-1") }
        // Back to the first file: its version is in the ledger already, yet the index is dropped.
        t = try await t.reopen(modules: try Self.modules([Self.name, Self.phone]), enabled: enabled)
        try await insert(t, "010-1")
        #expect(try await t.count("leads_lead", where: "phone", "010-1") == 2)
        // Unique again over the repeated value: the migration stops with the field named, and the rows stay.
        await t.host.shutdown()
        let refused = await #expect(throws: DefinitionErrors.self) {
            _ = try await TestHost.make(modules: try Self.modules([Self.name, uniquePhone]), databaseURL: t.databaseURL)
        }
        #expect(refused?.description.contains("field phone cannot be unique") == true)
        let after = try await TestHost.make(modules: try Self.modules([Self.name, Self.phone]), databaseURL: t.databaseURL)
        #expect(try await after.count("leads_lead", where: "phone", "010-1") == 2)
        try await after.test { _ in }
    }

    @Test("adding fields later adds their columns and keeps the rows; removing one keeps its column and data and says so")
    func evolve() async throws {
        var t = try await TestHost.make(modules: try Self.modules([Self.name, Self.phone]))
        try await t.db.insert(into: "leads_lead").columns("name", "phone", "owner_id", "created_at", "updated_at")
            .values(SQLBind("甲"), SQLBind("010-1234"), SQLBind(Int64(1)), SQLBind(Int64(0)), SQLBind(Int64(0))).run()
        #expect(try await SchemaSync.columns(of: "leads_lead", t.db) == ["id", "owner_id", "created_by", "created_at", "updated_at", "name", "phone"])

        t = try await t.reopen(modules: try Self.modules([Self.name, Self.phone, Self.budget, Self.metAt]), enabled: ["settings", "members", "leads"])
        #expect(try await SchemaSync.columns(of: "leads_lead", t.db).isSuperset(of: ["budget", "met_at", "name", "phone"]))
        #expect(try await t.db.select().columns("name", "phone").from("leads_lead").all(decoding: Lead.self).map(\.name) == ["甲"])

        let reduced = try Self.definition([Self.name, Self.budget, Self.metAt, Self.visits])
        t = try await t.reopen(modules: [SettingsModule(), MembersModule(), DeclarativeModule(reduced)], enabled: ["settings", "members", "leads"])
        let columns = try await SchemaSync.columns(of: "leads_lead", t.db)
        #expect(columns.contains("phone") && columns.contains("visits"))
        #expect(try await t.db.select().columns("name", "phone").from("leads_lead").first(decoding: Lead.self)?.phone == "010-1234")
        #expect(try await SchemaSync(definition: reduced, logger: Logger(label: "test")).apply(t.db)
                == ["table leads_lead: field phone removed from the definition: column kept with its data"])
        #expect(try await t.count("core_module_migration", where: "module", "leads") == 3)
        // What `yuelao migrate` and `yuelao modules check` print, on every run.
        #expect(try await SchemaNotes.collect(t.host.modules, db: t.db)
                == ["module 'leads': table leads_lead: field phone removed from the definition: column kept with its data"])

        // The kept column does not stand in the way of new records; the new fields work through the API.
        try await t.admin()
        let expected = try #require(AgencyTime.parseLocal("2026-12-01 10:30", timeZone: "Asia/Shanghai"))
        try await t.test { client in
            var admin = try await Browser.login(client, "admin")
            let created = try await admin.json(.post, "/api/leads/lead", body: #"{"name": "乙", "budget": 300000, "met_at": "2026-12-01 10:30", "visits": 2}"#)
            #expect(created.status == .created)
            let body = Browser.object(created)
            #expect(body["budget"] as? Int == 300_000 && body["met_at"] as? Int == Int(expected) && body["visits"] as? Int == 2)
            #expect(body["phone"] == nil)
            let page = try await admin.get("/m/leads/lead").text
            #expect(page.contains("乙") && page.contains("3,000.00") && page.contains("2026-12-01 10:30"))
            let negative = try await admin.json(.post, "/api/leads/lead", body: #"{"name": "丙", "visits": -1}"#)
            #expect(negative.status == .unprocessableContent)
            #expect((Browser.object(negative)["fields"] as? [String: String])?["visits"] == "到访次数须为 0 到 999999999999 之间的整数。")
        }
    }
}
