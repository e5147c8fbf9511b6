import PluginAPI

/// Small modules used by the host tests: a dependency chain and a module with an owned resource.
struct NotesModule: Module {
    var manifest = ModuleManifest(id: "notes", name: LocalizedText(zh: "便签", en: "Notes"), version: "1.0.0")
    var permissions: [ResourcePermissions] { [.standard("note", LocalizedText(zh: "便签", en: "Note"))] }
    var migrations: [Migration] {
        [Migration(version: 1, name: "notes") { db in
            try await db.create(table: "notes_note")
                .column("id", type: .bigint, .primaryKey(autoIncrement: true))
                .column("owner_id", type: .bigint, .notNull)
                .column("title", type: .text, .notNull)
                .run()
        }]
    }
    var menu: [MenuEntry] { [MenuEntry(LocalizedText(zh: "便签列表", en: "Notes"), path: "/", requires: "note")] }

    func routes(_ routes: inout RouteCollector) throws {
        try routes.get("/", .requires("note", "view")) { req in
            struct Row: Decodable { let id: Int64; let title: String }
            let rows = try await req.db.select().columns("id", "title").from("notes_note").where(req.access.ownerPredicate("note"))
                .orderBy("id").all(decoding: Row.self)
            return .page(title: "Notes", body: .text(rows.map(\.title).joined(separator: ",")))
        }
        try routes.get("/:id", .requires("note", "view")) { req in
            let note = try await load(req)
            try req.access.require("note", "view", owner: note.owner_id)
            return .page(title: note.title, body: .text("note:\(note.title)"))
        }
        try routes.post("/:id/edit", .requires("note", "view")) { req in
            let note = try await load(req)
            try req.access.require("note", "edit", owner: note.owner_id)
            try await req.db.update("notes_note").set("title", to: req.form["title"]).where("id", .equal, note.id).run()
            return .redirect("/m/notes/\(note.id)")
        }
        try routes.api(.get, "/:id", .requires("note", "view"),
                       doc: APIDoc("One note", response: .object(["title": .string], required: ["title"]))) { req in
            let note = try await load(req)
            try req.access.require("note", "view", owner: note.owner_id)
            return try .json(["title": note.title])
        }
    }

    struct Note: Decodable { let id: Int64; let owner_id: Int64; let title: String }
    func load(_ req: ModuleRequest) async throws -> Note {
        guard let note = try await req.db.select().columns("id", "owner_id", "title").from("notes_note").where("id", .equal, try req.id())
            .first(decoding: Note.self) else { throw ModuleError.notFound }
        return note
    }
}

/// A module with a configurable manifest, for configuration checks.
struct StubModule: Module {
    var manifest: ModuleManifest
    var settingsSchema: [SettingSpec] = []
    init(_ id: String, deps: [String] = [], settings: [SettingSpec] = []) {
        manifest = ModuleManifest(id: id, name: LocalizedText(zh: id, en: id), version: "0.1.0", dependencies: deps)
        settingsSchema = settings
    }
}
