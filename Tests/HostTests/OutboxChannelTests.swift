import Foundation
@testable import Host
import HostTesting
import PluginAPI
import SQLKit
import Testing

@Suite("the outbox sends SMS through the webhook and stores internal messages")
struct OutboxChannelTests {
    struct Payload: Decodable, Equatable {
        let id: Int64; let to: String; let text: String; let reference: String
    }

    // MARK: - SMS webhook

    @Test("an SMS is POSTed as JSON with the bearer token; the row is sent")
    func webhookSends() async throws {
        let http = try await HTTPSink.start()
        let t = try await TestHost.make(modules: [], notifications: .webhook(http.url("/sms/send"), token: "s3cret-token"))
        try await t.using {
            let id = try await t.enqueue(OutboxMessage(channel: .sms, recipient: "13800138000", subject: "", body: "明天 10:00 在月老门店见面",
                                                       module: "notice", reference: "visit:7"))
            let now = Clock.now()
            #expect(try await t.host.outboxWorker().runOnce(now: now) == OutboxWorker.Pass(claimed: 1, sent: 1))
            let request = try #require(http.requests.first)
            #expect(http.requests.count == 1)
            #expect(request.method == "POST" && request.uri == "/sms/send")
            #expect(request.headers["authorization"] == "Bearer s3cret-token")
            #expect(request.headers["content-type"]?.hasPrefix("application/json") == true)
            let payload = try JSONDecoder().decode(Payload.self, from: Data(request.body.utf8))
            #expect(payload == Payload(id: id, to: "13800138000", text: "明天 10:00 在月老门店见面", reference: "visit:7"))
            let row = try #require(try await t.outbox(id))
            #expect(row.status == "sent" && row.sent_at == now)
        }
        await http.stop()
    }

    @Test("a 500 answer schedules a retry with the status and the start of the body; a 400 fails for good; no token, no Authorization")
    func webhookFailures() async throws {
        let http = try await HTTPSink.start()
        http.answer(status: 500, body: "provider down: " + String(repeating: "x", count: 400))
        let t = try await TestHost.make(modules: [], notifications: .webhook(http.url("/sms")))
        try await t.using {
            let id = try await t.enqueue(OutboxMessage(channel: .sms, recipient: "13900139000", subject: "", body: "hi", module: "notice"))
            let now = Clock.now()
            #expect(try await t.host.outboxWorker().runOnce(now: now).retrying == 1)
            var row = try #require(try await t.outbox(id))
            #expect(row.status == "pending" && row.attempts == 1 && row.next_attempt_at == now + 30)
            #expect(row.last_error.hasPrefix("SMS webhook answered 500 Internal Server Error: provider down: xxx"))
            #expect(row.last_error.count == "SMS webhook answered 500 Internal Server Error: ".count + 200, "only the first 200 characters of the body")
            #expect(http.requests.first?.headers["authorization"] == nil)

            http.answer(status: 400, body: "invalid number")
            #expect(try await t.host.outboxWorker().runOnce(now: now + 30).failed == 1)
            row = try #require(try await t.outbox(id))
            #expect(row.status == "failed" && row.last_error == "SMS webhook answered 400 Bad Request: invalid number")
            #expect(http.requests.count == 2)
        }
        await http.stop()
    }

    // MARK: - Internal messages

    @Test("an internal message lands in core_site_message once, even when delivered twice")
    func internalMessage() async throws {
        let t = try await TestHost.make(modules: [])
        try await t.using {
            let id = try await t.enqueue(OutboxMessage(channel: .internal, recipient: "member:42", subject: "新的推荐",
                                                       body: "红娘为您推荐了一位会员。", module: "notice", reference: "match:3"))
            #expect(try await t.host.outboxWorker().runOnce(now: Clock.now()).sent == 1)
            struct Row: Decodable, Equatable {
                let outbox_id: Int64; let recipient: String; let subject: String; let body: String; let module: String
                let reference: String; let read_at: Int64?
            }
            let rows = try await t.db.select().columns("outbox_id", "recipient", "subject", "body", "module", "reference", "read_at")
                .from("core_site_message").all(decoding: Row.self)
            #expect(rows == [Row(outbox_id: id, recipient: "member:42", subject: "新的推荐", body: "红娘为您推荐了一位会员。",
                                 module: "notice", reference: "match:3", read_at: nil)])
            #expect(try await t.outbox(id)?.status == "sent")

            // A host that stopped between the insert and marking the row sent delivers it again: still one message.
            let delivery = OutboxDelivery(id: id, message: OutboxMessage(channel: .internal, recipient: "member:42", subject: "新的推荐",
                                                                         body: "红娘为您推荐了一位会员。", module: "notice", reference: "match:3"),
                                          attempts: 2, leaseUntil: 0, createdAt: 0)
            try await SiteMessageTransport(database: t.host.database).send(delivery)
            #expect(try await t.count("core_site_message") == 1)
        }
    }
}
