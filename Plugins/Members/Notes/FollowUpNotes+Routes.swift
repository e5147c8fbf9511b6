import Foundation
import PluginAPI
import SQLKit

extension FollowUpNotes {
    /// Mounts adding, editing and deleting notes under the module's `note` permission:
    /// `<base>/<member>/notes/new`, `<base>/<member>/notes`, `<base>/notes/<note>/edit`, `<base>/notes/<note>`, `<base>/notes/<note>/delete`.
    public func register(_ routes: inout RouteCollector) throws { try NotePages(notes: self).register(&routes) }
}

/// Adding, editing and deleting follow-up notes. A note is owned by its author; the kernel decides edit and delete.
/// Every change also sets the member's last and next contact times from their latest note, in the same transaction.
struct NotePages: Sendable {
    let notes: FollowUpNotes

    func register(_ routes: inout RouteCollector) throws {
        try routes.get("/:id/notes/new", .requires("note", "add"), newForm)
        try routes.post("/:id/notes", .requires("note", "add"), create)
        try routes.get("/notes/:note/edit", .requires("note", "edit"), editForm)
        try routes.post("/notes/:note", .requires("note", "edit"), update)
        try routes.post("/notes/:note/delete", .requires("note", "delete"), delete)
    }

    func page(_ req: ModuleRequest, member: MemberRecord, title: String, action: String, values: FormData, errors: [String: String],
              status: Int = 200) async throws -> ModuleResponse {
        let zone = req.site.timeZone
        let form = try await NoteForm(req: req, timeZone: zone).render(action: action, values: values, errors: errors, cancel: "\(req.base)/\(member.id)")
        return .page(title: "\(title) · \(member.username)", body: HTML(raw: "<section class=\"card\">") + form + HTML(raw: "</section>"), status: status)
    }

    @Sendable func newForm(_ req: ModuleRequest) async throws -> ModuleResponse {
        let member = try await MemberDirectory.load(req, id: try req.id())
        let zone = req.site.timeZone
        return try await page(req, member: member, title: req.t("note.new"), action: "\(req.base)/\(member.id)/notes",
                              values: NoteForm(req: req, timeZone: zone).defaults, errors: [:])
    }

    @Sendable func create(_ req: ModuleRequest) async throws -> ModuleResponse {
        let member = try await MemberDirectory.load(req, id: try req.id())
        guard let user = req.user else { throw ModuleError.unauthenticated }
        let input = try await NoteInput.validate(req, req.form, timeZone: req.site.timeZone)
        guard input.errors.isEmpty else {
            return try await page(req, member: member, title: req.t("note.new"), action: "\(req.base)/\(member.id)/notes", values: req.form,
                                  errors: input.errors, status: 422)
        }
        let noteID = try await req.transaction { tx in
            let now = Int64(Date().timeIntervalSince1970)
            let id = try await tx.db.insert(into: notes.table)
                .columns("member_id", "author_id", "effective", "intention", "sign_status", "unsigned_reason", "contact_at", "next_contact_at",
                         "remark", "tags", "created_at", "updated_at")
                .values(SQLBind(member.id), SQLBind(user.id), SQLBind(input.effective), SQLBind(input.intention), SQLBind(input.signStatus),
                        SQLBind(input.unsignedReason), SQLBind(input.contactAt), SQLBind(input.nextContactAt), SQLBind(input.remark),
                        SQLBind(input.tags), SQLBind(now), SQLBind(now))
                .returning("id").first(decodingColumn: "id", as: Int64.self) ?? 0
            try await notes.changed(tx, member.id, try await notes.latest(tx, memberID: member.id))
            try await tx.audit(AuditEntry(module: req.moduleID, action: "note.create", target: "member:\(member.id)", after: "note:\(id)"))
            return id
        }
        MemberDirectory.membersChanged(req)
        return .redirect("\(req.base)/\(member.id)#note-\(noteID)", flash: .success(req.t("note.added")))
    }

    /// Loads a note the user may take `action` on (404 when its author is not visible, 403 when not allowed),
    /// and its member (which must be visible too).
    func load(_ req: ModuleRequest, _ action: String) async throws -> (FollowUpNote, MemberRecord) {
        guard let note = try await FollowUpNote.find(try req.id("note"), table: notes.table, db: req.db) else { throw ModuleError.notFound }
        try req.access.require("note", action, owner: note.author_id)
        return (note, try await MemberDirectory.load(req, id: note.member_id))
    }

    @Sendable func editForm(_ req: ModuleRequest) async throws -> ModuleResponse {
        let (note, member) = try await load(req, "edit")
        let zone = req.site.timeZone
        return try await page(req, member: member, title: req.t("note.editTitle"), action: "\(req.base)/notes/\(note.id)",
                              values: NoteForm(req: req, timeZone: zone).values(of: note), errors: [:])
    }

    @Sendable func update(_ req: ModuleRequest) async throws -> ModuleResponse {
        let (note, member) = try await load(req, "edit")
        let input = try await NoteInput.validate(req, req.form, timeZone: req.site.timeZone)
        guard input.errors.isEmpty else {
            return try await page(req, member: member, title: req.t("note.editTitle"), action: "\(req.base)/notes/\(note.id)", values: req.form,
                                  errors: input.errors, status: 422)
        }
        try await req.transaction { tx in
            try await tx.db.update(notes.table)
                .set("effective", to: input.effective).set("intention", to: input.intention).set("sign_status", to: input.signStatus)
                .set("unsigned_reason", to: input.unsignedReason).set("contact_at", to: input.contactAt)
                .set("next_contact_at", to: SQLBind(input.nextContactAt)).set("remark", to: input.remark).set("tags", to: input.tags)
                .set("updated_at", to: Int64(Date().timeIntervalSince1970))
                .where("id", .equal, note.id).run()
            try await notes.changed(tx, member.id, try await notes.latest(tx, memberID: member.id))
            try await tx.audit(AuditEntry(module: req.moduleID, action: "note.update", target: "note:\(note.id)", before: note.remark, after: input.remark))
        }
        MemberDirectory.membersChanged(req)
        return .redirect("\(req.base)/\(member.id)#note-\(note.id)", flash: .success(req.t("note.saved")))
    }

    @Sendable func delete(_ req: ModuleRequest) async throws -> ModuleResponse {
        let (note, member) = try await load(req, "delete")
        try await req.transaction { tx in
            try await tx.db.delete(from: notes.table).where("id", .equal, note.id).run()
            try await notes.changed(tx, member.id, try await notes.latest(tx, memberID: member.id))
            try await tx.audit(AuditEntry(module: req.moduleID, action: "note.delete", target: "note:\(note.id)", before: note.remark))
        }
        MemberDirectory.membersChanged(req)
        return .redirect("\(req.base)/\(member.id)", flash: .success(req.t("note.deleted")))
    }
}
