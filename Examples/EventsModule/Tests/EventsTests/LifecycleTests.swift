import Events
import Foundation
import HostTesting
import Members
import PluginAPI
import Settings
import SQLKit
import Testing

/// The events module as version 1.0.0 shipped it: only the first migration.
struct EventsV1: Module {
    let manifest = ModuleManifest(id: "events", name: LocalizedText(zh: "联谊活动", en: "Mixer events"), version: "1.0.0", dependencies: ["members"])
    var permissions: [ResourcePermissions] { EventsModule().permissions }
    var migrations: [Migration] { Array(EventsModule().migrations.prefix(1)) }
}

@Suite("events: enable, disable, upgrade")
struct LifecycleTests {
    @Test("upgrading 1.0.0 → 1.1.0 runs migration 2 once and keeps the events; disabling hides the pages and keeps the rows")
    func upgrade() async throws {
        let v1 = try await TestHost.make(modules: [SettingsModule(), MembersModule(), EventsV1()])
        let owner = try await v1.admin("boss")
        try await v1.db.insert(into: "events_event")
            .columns("owner_id", "title", "venue", "starts_at", "capacity", "signed_up", "created_at", "updated_at")
            .values(SQLBind(owner), SQLBind("老活动"), SQLBind(""), SQLBind(0), SQLBind(5), SQLBind(0), SQLBind(0), SQLBind(0)).run()
        let modules: [any Module] = [SettingsModule(), MembersModule(), EventsModule()]
        let v2 = try await v1.reopen(modules: modules, enabled: ["settings", "members", "events"])
        let versions = try await v2.db.select().column("version").from("core_module_migration").where("module", .equal, "events")
            .orderBy("version").all(decodingColumn: "version", as: Int.self)
        #expect(versions == [1, 2])
        let note = try await v2.db.select().column("note").from("events_event").where("title", .equal, "老活动").first(decodingColumn: "note", as: String.self)
        #expect(note == "")
        let off = try await v2.reopen(modules: modules, enabled: ["settings", "members"])
        try await off.test { client in
            var boss = try await Browser.login(client, "boss")
            #expect(try await boss.get("/m/events/").status == .notFound)
            #expect(try await boss.get("/api/events").status == .notFound)
        }
        let on = try await TestHost.make(modules: modules, enabled: ["settings", "members", "events"], databaseURL: off.databaseURL)
        try await on.test { client in
            var boss = try await Browser.login(client, "boss")
            #expect(try await boss.get("/m/events/").text.contains("老活动"))
        }
    }

    @Test("demo data: events spread over the demo staff, none over capacity")
    func demo() async throws {
        let t = try await TestHost.make(modules: [SettingsModule(), MembersModule(), EventsModule()])
        let staff = [try await t.admin("a"), try await t.admin("b")]
        try await EventsModule().seedDemoData(DemoContext(db: t.db, size: 100, staffIDs: staff, progress: { _, _, _ in },
                                                          transaction: { body in
            try await body(Transaction(db: t.db, actorID: nil, publisher: { _, _ in }, auditor: { _, _ in }))
        }))
        #expect(try await t.count("events_event") == 5)
        #expect(try await t.count("events_event", where: "owner_id", staff[1]) == 2)
        await t.host.shutdown()
    }
}
