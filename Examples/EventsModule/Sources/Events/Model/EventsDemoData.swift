import Foundation
import PluginAPI
import SQLKit

/// `yuelao demo --size N`: one event per 20 members-worth of size, spread over the coming weeks and the demo staff.
enum EventsDemoData {
    static let venues = ["静安嘉里中心 3F", "西湖边茶室", "望京 SOHO 咖啡馆", "滨江读书会", "南山书房"]
    static let themes = ["周末户外徒步联谊", "读书分享会", "桌游交友夜", "烘焙体验课", "草坪音乐野餐"]

    static func seed(_ context: DemoContext) async throws {
        let owners = context.staffIDs, total = max(1, context.size / 20), now = Int64(Date().timeIntervalSince1970)
        guard !owners.isEmpty else { return }
        try await context.transaction { tx in
            let insert = tx.db.insert(into: "events_event")
                .columns("owner_id", "title", "venue", "starts_at", "capacity", "signed_up", "note", "created_at", "updated_at")
            for i in 0..<total {
                let starts = now + Int64(i % 60 - 10) * 86_400 + 19 * 3600
                insert.values(SQLBind(owners[i % owners.count]), SQLBind("\(themes[i % themes.count]) 第 \(i + 1) 期"),
                              SQLBind(venues[i % venues.count]), SQLBind(starts), SQLBind(20 + i % 4 * 10), SQLBind(0), SQLBind(""),
                              SQLBind(now), SQLBind(now))
            }
            try await insert.run()
        }
        context.progress("events", total, total)
    }
}
