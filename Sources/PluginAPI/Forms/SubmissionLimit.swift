import Foundation
import SQLKit

/// A limit of submissions per client address and time window for a public form, kept in a table of the module
/// (columns `address` text and `at` bigint; ``createTable(_:on:)`` makes it).
///
/// ```swift
/// // in a migration
/// try await SubmissionLimit.createTable("consult_attempt", on: db)
/// // in the POST handler, before anything else is checked
/// let limit = SubmissionLimit(table: "consult_attempt", perWindow: req.settings.int("consult_limit", 5))
/// guard try await limit.admit(req.clientAddress, db: req.db) else { return page(status: 429, …) }
/// ```
public struct SubmissionLimit: Sendable {
    /// The module's attempt table.
    public var table: String
    /// Submissions allowed per address within ``window``.
    public var perWindow: Int
    /// The window, in seconds (an hour by default).
    public var window: Int64

    /// Creates a limit.
    public init(table: String, perWindow: Int, window: Int64 = 3600) {
        self.table = table
        self.perWindow = perWindow
        self.window = window
    }

    /// Whether `address` may submit now. An admitted submission is recorded (whatever becomes of it afterwards, so wrong
    /// answers count too); the address's attempts older than the window are dropped.
    ///
    /// Counting and recording are one conditional insert, so of many parallel submissions exactly ``perWindow`` are
    /// admitted: SQLite runs it under its single write lock; on PostgreSQL it runs in a short transaction that first
    /// takes an advisory lock on (table, address), because READ COMMITTED alone lets parallel inserts all see the old count.
    /// - Parameters:
    ///   - address: The client address (`req.clientAddress`).
    ///   - db: The database (`req.db`; not a transaction's: on PostgreSQL the check runs a transaction of its own).
    ///   - now: The current time, UTC epoch seconds.
    public func admit(_ address: String, db: any SQLDatabase, now: Int64 = Int64(Date().timeIntervalSince1970)) async throws -> Bool {
        guard db.isPostgres else { return try await record(address, db: db, now: now) }
        return try await db.withSession { session in
            try await session.raw("BEGIN").run()
            do {
                try await session.raw("SELECT pg_advisory_xact_lock(hashtext(\(bind: "\(table)|\(address)")))").run()
                let admitted = try await record(address, db: session, now: now)
                try await session.raw("COMMIT").run()
                return admitted
            } catch {
                try? await session.raw("ROLLBACK").run()
                throw error
            }
        }
    }

    /// Records an attempt of `address` unless it has `perWindow` within the window; drops its older ones.
    private func record(_ address: String, db: any SQLDatabase, now: Int64) async throws -> Bool {
        let since = now - window
        let inserted = try await db.raw("""
            INSERT INTO \(ident: table) (address, at) SELECT \(bind: address), \(bind: now)
            WHERE (SELECT COUNT(*) FROM \(ident: table) WHERE address = \(bind: address) AND at > \(bind: since)) < \(bind: perWindow)
            RETURNING id
            """).first(decodingColumn: "id", as: Int64.self)
        guard inserted != nil else { return false }
        try await db.delete(from: table).where("address", .equal, address).where("at", .lessThanOrEqual, since).run()
        return true
    }

    /// Creates an attempt table `name` with its (address, at) index.
    public static func createTable(_ name: String, on db: any SQLDatabase) async throws {
        try await db.create(table: name)
            .column("id", type: .bigint, .primaryKey(autoIncrement: true))
            .column("address", type: .text, .notNull)
            .column("at", type: .bigint, .notNull)
            .run()
        try await db.create(index: "\(name)_idx").on(name).column("address").column("at").run()
    }
}
