import Contracts
import Foundation
import HostTesting
import SQLKit
import Testing

/// The after-sale member overview's actions (manual 5.1) — Members' shared components, as on the pre-sale overview.
@Suite("after-sale overview actions")
struct OverviewActionTests {
    @Test("change the customer status, send a message (opt-out honoured), each decided by the kernel on the after-sale owner")
    func statusAndMessage() async throws {
        let team = try await AfterSaleTeam.make()
        try await team.t.grant(roleOf: "hna", ["aftersale.message.send"], scope: "own")
        var profile = AfterSaleTeam.Profile()
        profile.email = "fang@example.com"
        let member = try await team.member("as_fang", aftersale: "hna", profile)
        let other = try await team.member("as_other", aftersale: "hnb")
        try await team.t.test { client in
            var hna = try await Browser.login(client, "hna")
            let overview = try await hna.get("/m/aftersale/\(member)").text
            #expect(overview.contains("修改客户状态") && overview.contains("href=\"/m/aftersale/\(member)/message\""))
            #expect(overview.contains("action=\"/m/aftersale/\(member)/status\""))
            let changed = try await hna.post("/m/aftersale/\(member)/status", form: ["customer_status": "paused"])
            #expect(changed.status == .seeOther && changed.location == "/m/aftersale/\(member)")
            #expect(try await team.t.db.select().column("customer_status").from("members_member").where("id", .equal, member)
                .first(decodingColumn: "customer_status", as: String.self) == "paused")
            // Another matchmaker's member: not found, nothing changed.
            #expect(try await hna.post("/m/aftersale/\(other)/status", form: ["customer_status": "paused"]).status == .notFound)
            #expect(try await hna.get("/m/aftersale/\(other)/message").status == .notFound)
            let sent = try await hna.post("/m/aftersale/\(member)/message", form: ["channel": "email", "subject": "约见提醒", "body": "明天下午三点见。"])
            #expect(sent.status == .seeOther)
            struct Row: Decodable, Equatable { let recipient: String; let module: String; let reference: String }
            let queued = try await team.t.db.select().columns("recipient", "module", "reference").from("core_outbox").all(decoding: Row.self)
            #expect(queued == [Row(recipient: "fang@example.com", module: "aftersale", reference: "member:\(member)")])
            // Opted out: refused with the reason, nothing queued.
            try await team.t.db.update("members_member").set("opt_out", to: 1).where("id", .equal, member).run()
            let refused = try await hna.post("/m/aftersale/\(member)/message", form: ["channel": "internal", "subject": "x", "body": "y"])
            #expect(refused.status == .unprocessableContent && refused.text.contains("该会员已退订消息"))
            #expect(try await team.t.count("core_outbox") == 1)
            // Without the grant there is no button and no route.
            // hnb's role holds no message grant: no button on hnb's own member, and the route refuses.
            var hnb = try await Browser.login(client, "hnb")
            let page = try await hnb.get("/m/aftersale/\(other)").text
            #expect(page.contains("as_other") && !page.contains("/message\""))
            #expect(try await hnb.get("/m/aftersale/\(other)/message").status == .forbidden)
        }
    }

    @Test("a signed member's overview offers a renewal contract through Contracts' form, whose cancel leads back here")
    func renewal() async throws {
        let team = try await AfterSaleTeam.make(extra: [ContractsModule()])
        try await team.t.grant(roleOf: "hna", ["contracts.contract.add", "contracts.contract.view"], scope: "own")
        let member = try await team.member("as_signed", aftersale: "hna")
        try await team.t.test { client in
            var hna = try await Browser.login(client, "hna")
            let link = "/m/contracts/new?member=\(member)&amp;_return=%2Fm%2Faftersale%2F\(member)"
            #expect(try await hna.get("/m/aftersale/\(member)").text.contains("<a href=\"\(link)\" class=\"btn primary\">录入续签合同</a>"))
            let form = try await hna.get("/m/contracts/new?member=\(member)&_return=%2Fm%2Faftersale%2F\(member)").text
            #expect(form.contains("href=\"/m/aftersale/\(member)\""))
            var hnb = try await Browser.login(client, "hnb")
            let own = try await team.member("as_hnb_signed", aftersale: "hnb")
            let page = try await hnb.get("/m/aftersale/\(own)").text
            #expect(page.contains("as_hnb_signed") && !page.contains("录入续签合同"))
        }
    }
}
