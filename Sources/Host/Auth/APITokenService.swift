import PluginAPI
import SQLKit

/// Per-staff API tokens for `/api/…`: created and revoked by their owner, stored as SHA-256 digests, shown once,
/// valid for 90 days unless the owner chooses fewer.
struct APITokenService: Sendable {
    let database: Database
    static let prefix = "yl_"
    /// A token's lifetime when its owner does not choose one: 90 days.
    static let defaultLifetime: Int64 = 90 * 86_400

    struct Listed: Decodable, Sendable { let id: Int64; let name: String; let created_at: Int64; let last_used_at: Int64?; let expires_at: Int64? }

    /// Creates a token named `name` for `userID`, valid for `lifetime` seconds; returns the token text (the only time it
    /// is visible).
    func create(userID: Int64, name: String, lifetime: Int64 = defaultLifetime, db: any SQLDatabase) async throws -> String {
        let token = Self.prefix + Tokens.random()
        let now = Clock.now()
        try await db.insert(into: "core_api_token").columns("user_id", "name", "digest", "created_at", "expires_at")
            .values(SQLBind(userID), SQLBind(name), SQLBind(Tokens.digest(token)), SQLBind(now), SQLBind(now + lifetime)).run()
        return token
    }

    /// Revokes every token of `userID` (a password reset, or a change that asks for it).
    func revokeAll(of userID: Int64, db: any SQLDatabase) async throws {
        try await db.delete(from: "core_api_token").where("user_id", .equal, userID).run()
    }

    func list(of userID: Int64) async throws -> [Listed] {
        try await database.sql.select().columns("id", "name", "created_at", "last_used_at", "expires_at").from("core_api_token")
            .where("user_id", .equal, userID).orderBy("id", .descending).all(decoding: Listed.self)
    }

    /// Revokes one of `userID`'s tokens; false when it is not theirs.
    func revoke(id: Int64, of userID: Int64, db: any SQLDatabase) async throws -> Bool {
        let exists = try await db.select().column("id").from("core_api_token").where("id", .equal, id).where("user_id", .equal, userID).first() != nil
        if exists { try await db.delete(from: "core_api_token").where("id", .equal, id).run() }
        return exists
    }

    /// The active user behind a bearer token, as a session-like record (no CSRF: tokens are not sent by browsers).
    func authenticate(_ token: String) async throws -> SessionRecord? {
        guard token.hasPrefix(Self.prefix) else { return nil }
        let digest = Tokens.digest(token)
        guard let record = try await SessionRecord.versionColumns(database.sql.select())
            .column(SQLColumn("digest", table: "t"), as: "id").column(SQLColumn("user_id", table: "t"))
            .column(SQLLiteral.string(""), as: "csrf").column(SQLColumn("created_at", table: "t"))
            .column(SQLColumn("created_at", table: "t"), as: "last_seen_at").column(SQLLiteral.null, as: "flash")
            .columns(SQLColumn("login", table: "u"), SQLColumn("real_name", table: "u"), SQLColumn("role_id", table: "u"),
                     SQLColumn("language", table: "u"), SQLColumn("status", table: "u"), SQLColumn("must_change_password", table: "u"))
            .column(SQLColumn("name", table: "r"), as: "role_name").column(SQLColumn("is_system", table: "r"))
            .column(SQLColumn("expires_at", table: "t"))
            .from(SQLAlias(SQLIdentifier("core_api_token"), as: SQLIdentifier("t")))
            .join(SQLAlias(SQLIdentifier("core_user"), as: SQLIdentifier("u")), on: SQLColumn("user_id", table: "t"), .equal, SQLColumn("id", table: "u"))
            .join(SQLAlias(SQLIdentifier("core_role"), as: SQLIdentifier("r")), on: SQLColumn("role_id", table: "u"), .equal, SQLColumn("id", table: "r"))
            .where(SQLColumn("digest", table: "t"), .equal, SQLBind(digest))
            .first(decoding: TokenRecord.self), record.session.status == "active",
            record.expires_at.map({ $0 > Clock.now() }) ?? true, record.session.must_change_password == 0
        else { return nil }
        try await database.sql.update("core_api_token").set("last_used_at", to: Clock.now()).where("digest", .equal, digest).run()
        return record.session
    }

    /// A token's row: its user as a session-like record, and its expiry.
    private struct TokenRecord: Decodable {
        let session: SessionRecord
        let expires_at: Int64?
        init(from decoder: any Decoder) throws {
            session = try SessionRecord(from: decoder)
            expires_at = try decoder.container(keyedBy: Key.self).decodeIfPresent(Int64.self, forKey: .expires_at)
        }
        enum Key: String, CodingKey { case expires_at }
    }
}
