import Foundation
import PluginAPI
import SQLKit

/// Sessions stored in `core_session` (shared by every host process), keyed by the digest of the cookie token.
struct SessionService: Sendable {
    let database: Database

    /// Creates a session for `userID`; returns the cookie token (shown once, stored only as a digest).
    func create(userID: Int64, ip: String, userAgent: String) async throws -> String {
        let token = Tokens.random()
        let now = Clock.now()
        try await database.sql.insert(into: "core_session")
            .columns("id", "user_id", "csrf", "created_at", "last_seen_at", "ip", "user_agent")
            .values(SQLBind(Tokens.digest(token)), SQLBind(userID), SQLBind(Tokens.random(bytes: 24)), SQLBind(now), SQLBind(now),
                    SQLBind(String(ip.prefix(64))), SQLBind(String(userAgent.prefix(300))))
            .run()
        return token
    }

    /// The live session of `token`, or nil. Expired sessions (idle or absolute) and sessions of disabled users are deleted.
    func load(token: String, idleSeconds: Int64, absoluteSeconds: Int64) async throws -> SessionRecord? {
        let digest = Tokens.digest(token)
        guard let record = try await SessionRecord.versionColumns(database.sql.select())
            .columns(SQLColumn("id", table: "s"), SQLColumn("user_id", table: "s"), SQLColumn("csrf", table: "s"),
                     SQLColumn("created_at", table: "s"), SQLColumn("last_seen_at", table: "s"), SQLColumn("flash", table: "s"),
                     SQLColumn("login", table: "u"), SQLColumn("real_name", table: "u"), SQLColumn("role_id", table: "u"),
                     SQLColumn("language", table: "u"), SQLColumn("status", table: "u"), SQLColumn("must_change_password", table: "u"))
            .column(SQLColumn("name", table: "r"), as: "role_name")
            .column(SQLColumn("is_system", table: "r"))
            .from(SQLAlias(SQLIdentifier("core_session"), as: SQLIdentifier("s")))
            .join(SQLAlias(SQLIdentifier("core_user"), as: SQLIdentifier("u")), on: SQLColumn("user_id", table: "s"), .equal, SQLColumn("id", table: "u"))
            .join(SQLAlias(SQLIdentifier("core_role"), as: SQLIdentifier("r")), on: SQLColumn("role_id", table: "u"), .equal, SQLColumn("id", table: "r"))
            .where(SQLColumn("id", table: "s"), .equal, SQLBind(digest))
            .first(decoding: SessionRecord.self)
        else { return nil }
        let now = Clock.now()
        if record.status != "active" || now - record.last_seen_at > idleSeconds || now - record.created_at > absoluteSeconds {
            try await end(id: record.id)
            return nil
        }
        if now - record.last_seen_at >= 60 {
            try await database.sql.update("core_session").set("last_seen_at", to: now).where("id", .equal, record.id).run()
        }
        return record
    }

    /// Ends one session by its stored id.
    func end(id: String) async throws {
        try await database.sql.delete(from: "core_session").where("id", .equal, id).run()
    }

    /// Ends one of `userID`'s sessions; false when it is not theirs.
    func end(id: String, of userID: Int64) async throws -> Bool {
        let exists = try await database.sql.select().column("id").from("core_session")
            .where("id", .equal, id).where("user_id", .equal, userID).first() != nil
        if exists { try await end(id: id) }
        return exists
    }

    /// Ends every session of `userID` (password reset, disabling), or every one but the session whose CSRF token is
    /// `keeping` (the user's own password change: the session they are using stays).
    func endAll(of userID: Int64, keeping csrf: String? = nil, on db: any SQLDatabase) async throws {
        let delete = db.delete(from: "core_session").where("user_id", .equal, userID)
        if let csrf { delete.where("csrf", .notEqual, csrf) }
        try await delete.run()
    }

    /// Stores a flash message shown on the next page.
    func setFlash(_ flash: Flash?, sessionID: String) async throws {
        let text = flash.map { JSONText.encode($0) }
        try await database.sql.update("core_session").set("flash", to: SQLBind(text)).where("id", .equal, sessionID).run()
    }

    struct Listed: Decodable, Sendable { let id: String; let created_at: Int64; let last_seen_at: Int64; let ip: String; let user_agent: String }

    /// The active sessions of `userID`, newest first.
    func list(of userID: Int64) async throws -> [Listed] {
        try await database.sql.select().columns("id", "created_at", "last_seen_at", "ip", "user_agent").from("core_session")
            .where("user_id", .equal, userID).orderBy("last_seen_at", .descending).all(decoding: Listed.self)
    }

    /// Deletes sessions idle or older than the limits (the sweeper calls this).
    func sweep(idleSeconds: Int64, absoluteSeconds: Int64) async throws {
        let now = Clock.now()
        try await database.sql.delete(from: "core_session")
            .where("last_seen_at", .lessThan, now - idleSeconds)
            .orWhere("created_at", .lessThan, now - absoluteSeconds)
            .run()
        // Login attempts matter for 15 minutes; keep a day for the record.
        try await database.sql.delete(from: "core_login_attempt").where("at", .lessThan, now - 86_400).run()
    }
}
