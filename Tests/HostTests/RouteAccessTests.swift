import Host
import HostTesting
import HummingbirdTesting
import PluginAPI
import SQLKit
import Testing

@Suite("module routes through the kernel")
struct RouteAccessTests {
    /// GM ← manager A (hn_a) ; manager B (hn_b) peers under GM.
    struct Team {
        let gm: Int64, managerA: Int64, managerB: Int64, hnA: Int64, hnB: Int64, outsider: Int64
        let noteOfHnA: Int64, noteOfHnB: Int64, noteOfManagerA: Int64
    }

    func setUp(_ t: TestHost) async throws -> Team {
        let gmRole = try await t.role("总经理")
        let mgrRole = try await t.role("经理A", parent: gmRole)
        let mgrRoleB = try await t.role("经理B", parent: gmRole)
        let hnRole = try await t.role("红娘A", parent: mgrRole)
        let hnRoleB = try await t.role("红娘B", parent: mgrRoleB)
        let outsiderRole = try await t.role("访客")
        try await t.grant(gmRole, ["notes.note.view", "notes.note.edit"], scope: "subtree")
        try await t.grant(mgrRole, ["notes.note.view", "notes.note.edit"], scope: "subtree")
        try await t.grant(mgrRoleB, ["notes.note.view"], scope: "subtree")
        try await t.grant(hnRole, ["notes.note.view"], scope: "own")
        try await t.grant(hnRoleB, ["notes.note.view", "notes.note.edit"], scope: "own")
        let gm = try await t.staff("gm", role: gmRole)
        let a = try await t.staff("mgra", role: mgrRole)
        let b = try await t.staff("mgrb", role: mgrRoleB)
        let hnA = try await t.staff("hna", role: hnRole)
        let hnB = try await t.staff("hnb", role: hnRoleB)
        let outsider = try await t.staff("guest", role: outsiderRole)
        func note(_ owner: Int64, _ title: String) async throws -> Int64 {
            try await t.db.insert(into: "notes_note").columns("owner_id", "title").values(SQLBind(owner), SQLBind(title))
                .returning("id").first(decodingColumn: "id", as: Int64.self) ?? 0
        }
        return Team(gm: gm, managerA: a, managerB: b, hnA: hnA, hnB: hnB, outsider: outsider,
                    noteOfHnA: try await note(hnA, "note-hna"), noteOfHnB: try await note(hnB, "note-hnb"),
                    noteOfManagerA: try await note(a, "note-mgra"))
    }

    @Test("lists show exactly the visible owners' records")
    func listVisibility() async throws {
        let t = try await TestHost.make(modules: [NotesModule()])
        _ = try await setUp(t)
        try await t.test { client in
            var gm = try await Browser.login(client, "gm")
            #expect(try await gm.get("/m/notes").text.contains("note-hna,note-hnb,note-mgra"))
            var mgrA = try await Browser.login(client, "mgra")
            let a = try await mgrA.get("/m/notes").text
            #expect(a.contains("note-hna,note-mgra") && !a.contains("note-hnb"))
            var hnA = try await Browser.login(client, "hna")
            let own = try await hnA.get("/m/notes").text
            #expect(own.contains("note-hna") && !own.contains("note-mgra") && !own.contains("note-hnb"))
        }
    }

    @Test("owner and superior open a record; a peer's subordinate's record is 404")
    func recordVisibility() async throws {
        let t = try await TestHost.make(modules: [NotesModule()])
        let team = try await setUp(t)
        try await t.test { client in
            var mgrA = try await Browser.login(client, "mgra")
            let subordinate = try await mgrA.get("/m/notes/\(team.noteOfHnA)")
            #expect(subordinate.status == .ok && subordinate.text.contains("note:note-hna"))
            let peerSubordinate = try await mgrA.get("/m/notes/\(team.noteOfHnB)")
            #expect(peerSubordinate.status == .notFound)
            #expect(!peerSubordinate.text.contains("note-hnb"))
            var hnA = try await Browser.login(client, "hna")
            #expect(try await hnA.get("/m/notes/\(team.noteOfManagerA)").status == .notFound)   // superior's record
            #expect(try await hnA.get("/m/notes/999999").status == .notFound)                    // unknown record
        }
    }

    @Test("visible record without the action's grant is 403; with it, the edit happens")
    func actionGrant() async throws {
        let t = try await TestHost.make(modules: [NotesModule()])
        let team = try await setUp(t)
        try await t.test { client in
            var hnA = try await Browser.login(client, "hna")   // view only
            let denied = try await hnA.post("/m/notes/\(team.noteOfHnA)/edit", form: ["title": "hacked"])
            #expect(denied.status == .forbidden)
            var mgrA = try await Browser.login(client, "mgra")  // edit, subtree
            let done = try await mgrA.post("/m/notes/\(team.noteOfHnA)/edit", form: ["title": "renamed"])
            #expect(done.status == .seeOther)
            let title = try await t.db.select().column("title").from("notes_note").where("id", .equal, team.noteOfHnA)
                .first(decodingColumn: "title", as: String.self)
            #expect(title == "renamed")
        }
    }

    @Test("a role without the view grant gets 403 on the list; anonymous users go to the login page or get 401 JSON")
    func noGrant() async throws {
        let t = try await TestHost.make(modules: [NotesModule()])
        let team = try await setUp(t)
        try await t.test { client in
            var guest = try await Browser.login(client, "guest")
            #expect(try await guest.get("/m/notes").status == .forbidden)
            var anonymous = Browser(client)
            let page = try await anonymous.get("/m/notes")
            #expect(page.status == .seeOther && page.location?.hasPrefix("/login?next=") == true)
            let api = try await anonymous.get("/api/notes/\(team.noteOfHnA)")
            #expect(api.status == .unauthorized && api.text.contains("\"error\""))
        }
    }

    @Test("a grant change applies on the next request without a restart")
    func grantChangeApplies() async throws {
        let t = try await TestHost.make(modules: [NotesModule()])
        let team = try await setUp(t)
        try await t.test { client in
            var hnA = try await Browser.login(client, "hna")
            #expect(try await hnA.post("/m/notes/\(team.noteOfHnA)/edit", form: ["title": "x"]).status == .forbidden)
            let role = try await t.db.select().column("role_id").from("core_user").where("id", .equal, team.hnA).first(decodingColumn: "role_id", as: Int64.self) ?? 0
            try await t.grant(role, ["notes.note.edit"], scope: "own")
            #expect(try await hnA.post("/m/notes/\(team.noteOfHnA)/edit", form: ["title": "x"]).status == .seeOther)
        }
    }

    @Test("a POST without the CSRF token is refused and changes nothing")
    func csrf() async throws {
        let t = try await TestHost.make(modules: [NotesModule()])
        let team = try await setUp(t)
        try await t.test { client in
            var mgrA = try await Browser.login(client, "mgra")
            let response = try await mgrA.post("/m/notes/\(team.noteOfHnA)/edit", form: ["title": "csrf", "_csrf": "forged"])
            #expect(response.status == .badRequest)
            let title = try await t.db.select().column("title").from("notes_note").where("id", .equal, team.noteOfHnA)
                .first(decodingColumn: "title", as: String.self)
            #expect(title == "note-hna")
        }
    }

    @Test("a route that states neither a permission nor public access fails to register")
    func routeWithoutAccess() {
        var collector = RouteCollector(moduleID: "notes", declared: [])
        #expect(throws: RouteRegistrationError.self) {
            try collector.add(.get, "/x", mount: .page, access: nil) { _ in .redirect("/") }
        }
        #expect(throws: RouteRegistrationError.self) {
            try collector.get("/y", .requires("note", "view")) { _ in .redirect("/") }   // undeclared permission
        }
    }
}
