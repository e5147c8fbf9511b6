import Foundation
import HostTesting
import SQLKit
import Testing

/// Mass messaging in a real browser (headless Chromium; staff pages speak the staff member's language, zh-CN): tick two rows of the member list, send a
/// site message through compose, preview and confirm, and find exactly those two messages queued.
@Suite("mass messages in a real browser")
struct MassMessageBrowserTests {
    @Test("ticked rows → compose → preview with the count and a rendered message → confirm → the progress page; the job queues both",
          .enabled(if: RealBrowser.available, "needs Chromium and Node.js (CI installs Chromium)"))
    func tickComposeSend() async throws {
        let team = try await MassMessageTests.team()
        let first = team.members["hna"]!, second = team.members["male"]!
        try await team.t.test(live: true) { client in
            let base = "http://127.0.0.1:\(try #require(client.port))"
            let lines = try await RealBrowser.run(base: base, steps: [
                .goto("/login"), .type("#login", "hna"), .type("#password", "secret1"), .click("form[action='/login'] button[type=submit]"),
                .waitCount("form[action='/logout']", atLeast: 1),
                .goto("/m/members/"), .waitCount("input[name=ids]", atLeast: 4),
                .click("input[name=ids][value='\(first)']"), .click("input[name=ids][value='\(second)']"),
                .click("button[formaction='/m/members/mass/new']"),
                .waitCount("#mass-form", atLeast: 1),
                .waitText("main", contains: "已选会员（你可见的）：2 位。"),
                .type("#f-mass-form-subject", "Weekend party"),
                .type("#f-mass-form-body", "Dear {name}, {matchmaker} invites you (UID {uid})."),
                .click("#mass-form button[type=submit]"),
                .waitText("main", contains: "确认发送给 2 位会员"),
                .eval("document.querySelector('.mass-sample p').textContent"),
                .click("#mass-confirm button[type=submit]"),
                .waitText("main", contains: "已开始群发"),
                .eval("location.pathname"),
            ])
            #expect(lines.contains("eval \"Dear 王芳, HNA invites you (UID \(first)).\""))
            let path = try #require(lines.last?.split(separator: "\"").dropFirst().first.map(String.init))
            #expect(path.hasPrefix("/m/members/mass/"))
            try await team.t.host.runJobsOnce("members")
            let recipients = try await team.t.db.select().column("recipient").from("core_outbox").orderBy("id")
                .all(decodingColumn: "recipient", as: String.self)
            #expect(recipients == ["member:\(first)", "member:\(second)"])
        }
    }
}
