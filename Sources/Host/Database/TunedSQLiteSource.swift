import AsyncKit
import Logging
import NIOCore
import NIOPosix
import SQLiteNIO

/// Opens SQLite connections in WAL mode with a busy timeout and foreign keys on.
struct TunedSQLiteSource: ConnectionPoolSource, Sendable {
    let path: String

    func makeConnection(logger: Logger, on eventLoop: any EventLoop) -> EventLoopFuture<SQLiteConnection> {
        SQLiteConnection.open(storage: .file(path: path), threadPool: .singleton, logger: logger, on: eventLoop)
            .flatMap { conn in
                let pragmas = ["PRAGMA busy_timeout = 10000", "PRAGMA journal_mode = WAL",
                               "PRAGMA synchronous = NORMAL", "PRAGMA foreign_keys = ON"]
                var future = eventLoop.makeSucceededFuture(())
                for pragma in pragmas {
                    future = future.flatMap { conn.query(pragma).map { _ in () } }
                }
                return future.map { conn }
            }
    }
}
