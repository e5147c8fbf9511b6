import Foundation
import HostTesting
import Members
import PluginAPI
import SQLKit
import Testing

/// The member search page, byte for byte: whatever is done to make it faster must not change what it shows.
/// The snapshot in `Snapshots/` was recorded before the page was optimised; `YUELAO_RECORD_SNAPSHOTS=1` writes it anew.
@Suite("member search page: the same HTML for the same data")
struct MemberSearchSnapshotTests {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Snapshots")

    /// 32 members with fixed names, owners, regions and registration times, and birthdays that keep their ages whatever today is.
    static func seed(_ team: MembersTeam) async throws {
        let calendar = Calendar(identifier: .gregorian)
        let zone = TimeZone(identifier: "Asia/Shanghai")!
        let today = calendar.dateComponents(in: zone, from: Date())
        for i in 0..<32 {
            let age = 22 + i % 16
            var birth = DateComponents(year: (today.year ?? 2026) - age, month: today.month, day: today.day)
            birth.day = (birth.day ?? 1) - 1 - i % 20   // a birthday already passed this year: exactly `age`
            let day = calendar.date(from: birth).map { calendar.dateComponents(in: zone, from: $0) }
            let birthday = String(format: "%04d-%02d-%02d", day?.year ?? 2000, day?.month ?? 1, day?.day ?? 1)
            let owner = [team.ids["hna"], team.ids["hnb"], team.ids["mgra"], nil][i % 4]
            try await team.t.db.insert(into: "members_member")
                .columns("username", "gender", "birthday", "province", "city", "district", "mobile", "height", "marital_status", "education",
                         "owner_id", "signed", "registered_at", "customer_status")
                .values(SQLBind("snap_\(String(format: "%02d", i))"), SQLBind(i % 3 == 0 ? "male" : "female"), SQLBind(birthday),
                        SQLBind(i % 5 == 0 ? "110000" : "440000"), SQLBind(i % 5 == 0 ? "110100" : "440300"), SQLBind(i % 5 == 0 ? "110101" : "440305"),
                        SQLBind("1371234\(String(format: "%04d", i))"), SQLBind(150 + i), SQLBind(i % 2 == 0 ? "unmarried" : "divorced"),
                        SQLBind(["bachelor", "master", "college"][i % 3]), SQLBind(owner), SQLBind(i % 7 == 0 ? 1 : 0),
                        SQLBind(Int64(1_780_000_000 + i * 86_400)), SQLBind(i % 2 == 0 ? "following" : "new"))
                .run()
        }
        // The team's own members were registered "now": pin them too.
        try await team.t.db.update("members_member").set("registered_at", to: SQLBind(Int64(1_770_000_000)))
            .where("username", .like, "u_%").run()
    }

    /// The page with the per-session CSRF token taken out.
    static func normalized(_ html: String) -> String {
        html.replacingOccurrences(of: #"name="_csrf" value="[^"]*""#, with: #"name="_csrf" value="…""#, options: .regularExpression)
            .replacingOccurrences(of: #"content="[A-Za-z0-9_-]{20,}""#, with: #"content="…""#, options: .regularExpression)
    }

    func compare(_ name: String, _ html: String) throws {
        let file = Self.directory.appendingPathComponent(name)
        if ProcessInfo.processInfo.environment["YUELAO_RECORD_SNAPSHOTS"] == "1" {
            try FileManager.default.createDirectory(at: Self.directory, withIntermediateDirectories: true)
            try html.write(to: file, atomically: true, encoding: .utf8)
            return
        }
        let recorded = try String(contentsOf: file, encoding: .utf8)
        #expect(html == recorded, "\(name) differs from the recorded page; first difference near: \(String(html.commonPrefix(with: recorded).suffix(200)))")
    }

    @Test("as a manager and as the top manager: search form, rows, paging and counts match the recorded pages")
    func searchPages() async throws {
        let team = try await MembersTeam.make()
        try await team.t.test { client in
            try await Self.seed(team)
            for (login, query) in [("mgra", "gender=female&age_min=25&age_max=35&province=440000"), ("gm", "gender=female&age_min=25&age_max=35"),
                                   ("gm", "province=440000&page=2"), ("hna", "")] {
                var browser = try await Browser.login(client, login)
                let page = try await browser.get("/m/members" + (query.isEmpty ? "" : "?\(query)"))
                #expect(page.status == .ok)
                try compare("members-\(login)-\(query.isEmpty ? "all" : query.replacingOccurrences(of: "&", with: "_")).html", Self.normalized(page.text))
            }
        }
    }
}
