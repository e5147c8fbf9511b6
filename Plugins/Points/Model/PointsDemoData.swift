import Foundation
import PluginAPI
import SQLKit

/// `yuelao demo --size N`: N items spread over the demo staff, in batches of 500 rows per transaction.
enum PointsDemoData {
    static func seed(_ context: DemoContext) async throws {
        let owners = context.staffIDs, total = context.size, now = Int64(Date().timeIntervalSince1970)
        guard !owners.isEmpty else { return }
        for start in stride(from: 0, to: total, by: 500) {
            let end = min(start + 500, total)
            try await context.transaction { tx in
                let insert = tx.db.insert(into: "points_item").columns("owner_id", "title", "note", "created_at", "updated_at")
                for i in start..<end {
                    insert.values(SQLBind(owners[i % owners.count]), SQLBind("条目 \(i + 1)"), SQLBind(""), SQLBind(now), SQLBind(now))
                }
                try await insert.run()
            }
            context.progress("points", end, total)
        }
    }
}
