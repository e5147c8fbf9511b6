import AsyncKit
import Logging
import NIOCore
import SQLiteKit
import SQLKit

/// An `SQLDatabase` that runs each statement on a connection borrowed from the SQLite pool.
struct PooledSQLiteDatabase: SQLDatabase, @unchecked Sendable {
    let pool: EventLoopGroupConnectionPool<TunedSQLiteSource>
    let logger: Logger

    var eventLoop: any EventLoop { pool.eventLoopGroup.any() }
    var version: (any SQLDatabaseReportedVersion)? { nil }
    var dialect: any SQLDialect { SQLiteDialect() }

    func execute(sql query: any SQLExpression, _ onRow: @escaping @Sendable (any SQLRow) -> Void) -> EventLoopFuture<Void> {
        pool.withConnection(logger: logger) { conn in
            conn.sql(queryLogLevel: .trace).execute(sql: query, onRow)
        }
    }
}
