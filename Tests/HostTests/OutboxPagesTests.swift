import Foundation
@testable import Host
import HostTesting
import PluginAPI
import SQLKit
import Testing

@Suite("the outbox page")
struct OutboxPagesTests {
    /// Three messages in different states.
    func seed(_ t: TestHost) async throws -> (mail: Int64, sms: Int64, note: Int64) {
        let mail = try await t.enqueue(.mail(to: "zheng@example.com", subject: "Welcome", reference: "member:1"))
        let sms = try await t.enqueue(OutboxMessage(channel: .sms, recipient: "13700137000", subject: "", body: "hi", module: "notice", reference: "visit:2"))
        let note = try await t.enqueue(OutboxMessage(channel: .internal, recipient: "member:3", subject: "Match", body: "b", module: "notice"))
        try await t.db.update("core_outbox").set("status", to: "failed").set("attempts", to: 8).set("last_error", to: "SMTP 554 after end of DATA: 554 spam")
            .where("id", .equal, mail).run()
        try await t.db.update("core_outbox").set("status", to: "sent").set("attempts", to: 1).where("id", .equal, note).run()
        return (mail, sms, note)
    }

    @Test("anonymous users are sent to the login page; a role without the outbox grant gets 403 on the page and the retry")
    func access() async throws {
        let t = try await TestHost.make(modules: [])
        let ids = try await seed(t)
        try await t.staff("hn", role: try await t.role("红娘"))
        try await t.test { client in
            var anonymous = Browser(client)
            let page = try await anonymous.get("/m/core/outbox")
            #expect(page.status == .seeOther && page.location?.hasPrefix("/login") == true)

            var hn = try await Browser.login(client, "hn")
            let denied = try await hn.get("/m/core/outbox")
            #expect(denied.status == .forbidden && !denied.text.contains("zheng@example.com"))
            #expect(!(try await hn.get("/").text.contains("/m/core/outbox")), "no tab or menu entry without the grant")
            let retry = try await hn.post("/m/core/outbox/\(ids.mail)/retry")
            #expect(retry.status == .forbidden)
            #expect(try await t.outbox(ids.mail)?.status == "failed")
        }
    }

    @Test("view without retry: the list and the menu entry, but no retry button, and the retry answers 403")
    func viewOnly() async throws {
        let t = try await TestHost.make(modules: [])
        let ids = try await seed(t)
        let reader = try await t.role("客服主管")
        try await t.grant(reader, ["core.outbox.view"])
        try await t.staff("reader", role: reader)
        try await t.test { client in
            var reader = try await Browser.login(client, "reader")
            let page = try await reader.get("/m/core/outbox")
            #expect(page.status == .ok)
            #expect(page.text.contains("zheng@example.com") && page.text.contains("SMTP 554 after end of DATA: 554 spam"))
            #expect(!page.text.contains("/retry"))
            #expect(page.text.contains("<a href=\"/m/core/outbox\" class=\"active\" aria-current=\"page\">通知发件箱</a>"), "the menu entry")
            #expect(try await reader.get("/").text.contains("<a href=\"/m/core/outbox\">系统</a>"), "the 系统 tab leads to the outbox")
            #expect(try await reader.post("/m/core/outbox/\(ids.mail)/retry").status == .forbidden)
            #expect(try await t.outbox(ids.mail)?.status == "failed")
            #expect(try await t.auditRows(action: "outbox.retry").isEmpty)
        }
    }

    @Test("filters by status, channel and text narrow the list; counts per status head the page")
    func filters() async throws {
        let t = try await TestHost.make(modules: [])
        try await t.admin()
        _ = try await seed(t)
        try await t.test { client in
            var admin = try await Browser.login(client, "admin")
            func shows(_ query: String) async throws -> [String] {
                let text = try await admin.get("/m/core/outbox?\(query)").text
                return ["zheng@example.com", "13700137000", "member:3"].filter { text.contains("<td>\($0)</td>") }
            }
            #expect(try await shows("") == ["zheng@example.com", "13700137000", "member:3"])
            #expect(try await shows("status=failed") == ["zheng@example.com"])
            #expect(try await shows("status=pending") == ["13700137000"])
            #expect(try await shows("channel=internal") == ["member:3"])
            #expect(try await shows("q=ZHENG") == ["zheng@example.com"])
            #expect(try await shows("q=visit:2") == ["13700137000"])
            #expect(try await shows("status=sent&channel=sms") == [])
            let page = try await admin.get("/m/core/outbox?lang=en")
            #expect(page.text.contains("失败 1") && page.text.contains("待发送 1") && page.text.contains("已发送 1"))
            #expect(page.text.contains("<span class=\"badge warn\">待发送</span>") && page.text.contains("<span class=\"badge ok\">已发送</span>"))
        }
    }
}
