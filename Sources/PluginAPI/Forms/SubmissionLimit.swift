import Foundation
import SQLKit

/// A limit of submissions per client address and time window for a public form, kept in a table of the module
/// (one counter row per address; ``createTable(_:on:)`` makes it).
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

    /// Whether `address` may submit now. An admitted submission is counted (whatever becomes of it afterwards, so wrong
    /// answers count too). An address's window starts with its first submission; once it has passed, counting starts again.
    ///
    /// Counting is one conditional upsert of the address's row, so of many parallel submissions exactly ``perWindow``
    /// are admitted on both databases (the row lock serialises them on PostgreSQL) and no connection is held while
    /// waiting. Rows of other addresses whose window is over are dropped.
    /// - Parameters:
    ///   - address: The client address (`req.clientAddress`).
    ///   - db: The database (`req.db`).
    ///   - now: The current time, UTC epoch seconds.
    public func admit(_ address: String, db: any SQLDatabase, now: Int64 = Int64(Date().timeIntervalSince1970)) async throws -> Bool {
        let since = now - window
        let counted = try await db.raw("""
            INSERT INTO \(ident: table) (address, attempts, window_start) VALUES (\(bind: address), 1, \(bind: now)) \
            ON CONFLICT (address) DO UPDATE SET \
            attempts = CASE WHEN \(ident: table).window_start <= \(bind: since) THEN 1 ELSE \(ident: table).attempts + 1 END, \
            window_start = CASE WHEN \(ident: table).window_start <= \(bind: since) THEN \(bind: now) ELSE \(ident: table).window_start END \
            WHERE \(ident: table).attempts < \(bind: perWindow) OR \(ident: table).window_start <= \(bind: since) \
            RETURNING attempts
            """).first(decodingColumn: "attempts", as: Int.self)
        guard counted != nil else { return false }
        try await db.delete(from: table).where("window_start", .lessThanOrEqual, since).where("address", .notEqual, address).run()
        return true
    }

    /// How many submissions `address` has in its current window (0 when it has none or its window is over).
    public func attempts(of address: String, db: any SQLDatabase, now: Int64 = Int64(Date().timeIntervalSince1970)) async throws -> Int {
        try await db.select().column("attempts").from(table)
            .where("address", .equal, address).where("window_start", .greaterThan, now - window)
            .first(decodingColumn: "attempts", as: Int.self) ?? 0
    }

    /// Creates an attempt table `name`: one row per address with its count and window start.
    public static func createTable(_ name: String, on db: any SQLDatabase) async throws {
        try await db.create(table: name)
            .column("address", type: .text, .primaryKey(autoIncrement: false))
            .column("attempts", type: .int, .notNull)
            .column("window_start", type: .bigint, .notNull)
            .run()
        try await db.create(index: "\(name)_window_idx").on(name).column("window_start").run()
    }

    /// Replaces an attempt table of the earlier form (one row per attempt) by a counter table; what it counted is dropped.
    public static func replaceTable(_ name: String, on db: any SQLDatabase) async throws {
        try await db.drop(table: name).ifExists().run()
        try await createTable(name, on: db)
    }
}
