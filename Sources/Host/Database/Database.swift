import AsyncKit
import Foundation
import Logging
import NIOCore
import NIOPosix
import PostgresKit
import SQLiteKit
import SQLKit

/// The one SQL layer over SQLite (embedded default) and PostgreSQL.
///
/// async-kit's connection pools are not `Sendable` under Swift 6; they are only touched through
/// their own thread-safe methods, so this box is `@unchecked Sendable` once, here, instead of at every call site.
public final class Database: @unchecked Sendable {
    public enum Flavor: String, Sendable { case sqlite, postgres }

    public let flavor: Flavor
    public let url: String
    /// The SQLite file path, when SQLite.
    public let sqlitePath: String?
    let logger: Logger
    private let sqlitePool: EventLoopGroupConnectionPool<TunedSQLiteSource>?
    /// Threads for SQLite's blocking calls: one per pooled connection, plus one.
    private let sqliteThreads: NIOThreadPool?
    /// SQLite has one writer: transactions queue here (suspended tasks) instead of in the busy handler (blocked threads).
    private let sqliteWriter = AsyncWriterLock()
    private let postgresPool: EventLoopGroupConnectionPool<PostgresConnectionSource>?

    /// Opens a pool for `url`: `sqlite://relative/or/absolute/path.sqlite`, `sqlite:///abs/path`, or `postgres://user:pw@host:port/db`.
    public init(url: String, logger: Logger = Logger(label: "yuelao.db"), maxConnections: Int = 8) throws {
        self.url = url
        self.logger = logger
        let group = MultiThreadedEventLoopGroup.singleton
        if url.hasPrefix("sqlite:") {
            var path = String(url.dropFirst("sqlite:".count))
            if path.hasPrefix("//") { path.removeFirst(2) }
            guard !path.isEmpty else { throw DatabaseError("empty SQLite path in \(url)") }
            let directory = (path as NSString).deletingLastPathComponent
            if !directory.isEmpty {
                try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            }
            flavor = .sqlite
            sqlitePath = path
            let perLoop = max(1, maxConnections / 2)
            let threads = NIOThreadPool(numberOfThreads: perLoop * System.coreCount + 1)
            threads.start()
            sqliteThreads = threads
            sqlitePool = EventLoopGroupConnectionPool(source: TunedSQLiteSource(path: path, threadPool: threads),
                                                      maxConnectionsPerEventLoop: perLoop, logger: logger, on: group)
            postgresPool = nil
        } else if url.hasPrefix("postgres:") || url.hasPrefix("postgresql:") {
            var config = try SQLPostgresConfiguration(url: url.replacingOccurrences(of: "postgresql:", with: "postgres:"))
            if let schema = URLComponents(string: url)?.queryItems?.first(where: { $0.name == "search_path" })?.value {
                config.searchPath = [schema]
            }
            flavor = .postgres
            sqlitePath = nil
            sqlitePool = nil
            sqliteThreads = nil
            postgresPool = EventLoopGroupConnectionPool(source: PostgresConnectionSource(sqlConfiguration: config),
                                                        maxConnectionsPerEventLoop: max(1, maxConnections / 2),
                                                        logger: logger, on: group)
        } else {
            throw DatabaseError("unsupported database URL '\(url)' (use sqlite://… or postgres://…)")
        }
    }

    /// A database running each statement on a pooled connection.
    public var sql: any SQLDatabase {
        if let sqlitePool { return PooledSQLiteDatabase(pool: sqlitePool, logger: logger) }
        return postgresPool!.database(logger: logger).sql()
    }

    /// Runs `body` on one connection held for its duration.
    public func withConnection<T: Sendable>(_ body: @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        if let sqlitePool {
            let conn = try await sqlitePool.requestConnection(logger: logger).get()
            defer { sqlitePool.releaseConnection(conn, logger: logger) }
            return try await body(conn.sql(queryLogLevel: .trace))
        }
        let pool = postgresPool!
        let conn = try await pool.requestConnection(logger: logger).get()
        defer { pool.releaseConnection(conn, logger: logger) }
        return try await body(conn.sql(queryLogLevel: .trace))
    }

    /// Runs `body` in one transaction on one connection: committed when it returns, rolled back when it throws.
    public func transaction<T: Sendable>(_ body: @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        let begin = flavor == .sqlite ? "BEGIN IMMEDIATE" : "BEGIN"
        if flavor == .sqlite { await sqliteWriter.lock() }
        defer { if flavor == .sqlite { sqliteWriter.unlock() } }
        return try await withConnection { db in
            try await db.raw(SQLQueryString(begin)).run()
            do {
                let result = try await body(db)
                try await db.raw("COMMIT").run()
                return result
            } catch {
                try? await db.raw("ROLLBACK").run()
                throw error
            }
        }
    }

    /// Closes every pooled connection.
    public func shutdown() async {
        try? await sqlitePool?.shutdownAsync()
        try? await sqliteThreads?.shutdownGracefully()
        try? await postgresPool?.shutdownAsync()
    }
}

/// A database-layer failure with a message for the operator.
public struct DatabaseError: Error, CustomStringConvertible {
    public let description: String
    init(_ description: String) { self.description = description }
}
