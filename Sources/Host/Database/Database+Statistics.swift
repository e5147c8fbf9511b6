import Logging
import SQLKit

extension Database {
    /// Refreshes the query planner's statistics where they are missing or out of date: on SQLite `PRAGMA optimize`
    /// over every table (sampled, `analysis_limit` on each connection, so a million rows take well under a second; tables
    /// analysed before are redone only once their size changed tenfold). Without statistics SQLite judges indexes by
    /// their columns alone and may search members through the wide matching index instead of the narrow search index,
    /// ten times slower. PostgreSQL's autovacuum keeps its own statistics; nothing is done there.
    public func refreshStatistics() async {
        guard flavor == .sqlite else { return }
        do {
            try await sql.raw("PRAGMA optimize = 0x10002").run()
        } catch {
            logger.warning("refreshing SQLite statistics failed", metadata: ["error": .string("\(error)")])
        }
    }
}
