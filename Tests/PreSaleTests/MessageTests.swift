import Foundation
import HostTesting
import SQLKit
import Testing

@Suite("messages to a member through the notification outbox")
struct MessageTests {
    @Test("e-mail, SMS and site messages are queued in the outbox with the member's address; missing address and empty body are refused")
    func queue() async throws {
        let team = try await PreSaleTeam.make()
        let member = team.members["hna"]!
        try await team.t.db.update("members_member").set("email", to: "xiao@example.com").set("mobile", to: "13800001111").where("id", .equal, member).run()
        let role = try await team.t.role("可发消息")
        try await team.t.grant(role, ["members.member.view", "presale.workbench.view", "presale.message.send"], scope: "all")
        try await team.t.staff("sender", role: role)
        try await team.t.test { client in
            var sender = try await Browser.login(client, "sender")
            #expect(try await sender.get("/m/presale/\(member)").text.contains("href=\"/m/presale/\(member)/message\""))
            let email = try await sender.post("/m/presale/\(member)/message", form: ["channel": "email", "subject": "见面安排", "body": "周六下午三点"])
            #expect(email.status == .seeOther)
            _ = try await sender.post("/m/presale/\(member)/message", form: ["channel": "sms", "subject": "", "body": "明天见"])
            _ = try await sender.post("/m/presale/\(member)/message", form: ["channel": "internal", "subject": "欢迎", "body": "您好"])
            struct Row: Decodable { let channel: String; let recipient: String; let subject: String; let body: String; let module: String; let reference: String; let status: String }
            let rows = try await team.t.db.select().columns("channel", "recipient", "subject", "body", "module", "reference", "status").from("core_outbox")
                .orderBy("id").all(decoding: Row.self)
            #expect(rows.map(\.channel) == ["email", "sms", "internal"])
            #expect(rows.map(\.recipient) == ["xiao@example.com", "13800001111", "member:\(member)"])
            #expect(rows.allSatisfy { $0.module == "presale" && $0.reference == "member:\(member)" && $0.status == "pending" })
            #expect(rows.first?.subject == "见面安排" && rows.first?.body == "周六下午三点")
            #expect(try await team.t.auditRows(action: "message.queue").count == 3)
            // hnb's member has no e-mail: refused with a message, nothing queued.
            let none = try await sender.post("/m/presale/\(team.members["hnb"]!)/message", form: ["channel": "email", "subject": "x", "body": "y"])
            #expect(none.status == .unprocessableContent)
            #expect(HTMLProbe.fieldError("channel", in: none.text, form: "message-form") == "该会员没有邮箱地址。")
            let empty = try await sender.post("/m/presale/\(member)/message", form: ["channel": "sms", "body": " "])
            #expect(HTMLProbe.fieldError("body", in: empty.text, form: "message-form") == "请填写内容。")
            #expect(try await team.t.count("core_outbox") == 3)
            // Without the grant the button is absent and the route refused.
            var hna = try await Browser.login(client, "hna")
            #expect(!(try await hna.get("/m/presale/\(member)").text.contains("/message\"")))
            #expect(try await hna.post("/m/presale/\(member)/message", form: ["channel": "internal", "subject": "a", "body": "b"]).status == .forbidden)
        }
    }
}
