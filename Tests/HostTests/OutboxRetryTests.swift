import Foundation
@testable import Host
import HostTesting
import PluginAPI
import SQLKit
import Testing

@Suite("failed sends retry with back-off and can be retried by staff")
struct OutboxRetryTests {
    // MARK: - Back-off

    @Test("451 to RCPT: back to pending with the reply as last error, due in 30 s, then 60 s; at max_attempts the row is failed")
    func backoffUntilFailed() async throws {
        let sink = try await SMTPSink.start()
        sink.answerRCPT("451 4.3.0 try later")
        let t = try await TestHost.make(modules: [], notifications: .smtp(sink, maxAttempts: 3))
        try await t.using {
            let id = try await t.enqueue(.mail(to: "wang@example.com", subject: "Reminder"))
            let worker = t.host.outboxWorker()
            let t0 = Clock.now()

            #expect(try await worker.runOnce(now: t0) == OutboxWorker.Pass(claimed: 1, retrying: 1))
            var row = try #require(try await t.outbox(id))
            #expect(row.status == "pending" && row.attempts == 1 && row.lease_until == nil)
            #expect(row.last_error == "SMTP 451 after RCPT TO: 451 4.3.0 try later")
            #expect(row.next_attempt_at == t0 + 30)

            #expect(try await worker.runOnce(now: t0 + 29).claimed == 0, "not due before its back-off")
            #expect(try await worker.runOnce(now: t0 + 30).retrying == 1)
            row = try #require(try await t.outbox(id))
            #expect(row.attempts == 2 && row.next_attempt_at == t0 + 30 + 60, "the back-off doubles")

            #expect(try await worker.runOnce(now: t0 + 90).failed == 1)
            row = try #require(try await t.outbox(id))
            #expect(row.status == "failed" && row.attempts == 3 && row.last_error.contains("451"))
            #expect(try await worker.runOnce(now: t0 + 100_000).claimed == 0, "a failed row waits for a person")
            #expect(sink.mails.isEmpty)
            #expect(sink.commands.filter { $0.hasPrefix("RCPT TO:") }.count == 3)
        }
        await sink.stop()
    }

    @Test("the back-off is 30 s × 2^(attempt−1), capped at one hour")
    func backoffSchedule() {
        #expect((1...9).map { OutboxStore.backoff(attempts: $0) } == [30, 60, 120, 240, 480, 960, 1920, 3600, 3600])
        #expect(OutboxStore.backoff(attempts: 500) == 3600)
    }

    @Test("550 to RCPT refuses the message for good: failed after one attempt, with the reply")
    func permanentRefusal() async throws {
        let sink = try await SMTPSink.start()
        sink.answerRCPT("550 5.1.1 no such user")
        let t = try await TestHost.make(modules: [], notifications: .smtp(sink))
        try await t.using {
            let id = try await t.enqueue(.mail(to: "nobody@example.com"))
            #expect(try await t.host.outboxWorker().runOnce(now: Clock.now()).failed == 1)
            let row = try #require(try await t.outbox(id))
            #expect(row.status == "failed" && row.attempts == 1)
            #expect(row.last_error == "SMTP 550 after RCPT TO: 550 5.1.1 no such user")
        }
        await sink.stop()
    }

    @Test("no SMTP server: the connection error is the last error and the message waits for the next attempt")
    func connectionRefused() async throws {
        let sink = try await SMTPSink.start()
        let config = NotificationConfig.smtp(sink)
        await sink.stop()
        let t = try await TestHost.make(modules: [], notifications: config)
        try await t.using {
            let id = try await t.enqueue(.mail(to: "a@example.com"))
            let now = Clock.now()
            #expect(try await t.host.outboxWorker().runOnce(now: now).retrying == 1)
            let row = try #require(try await t.outbox(id))
            #expect(row.status == "pending" && row.next_attempt_at == now + 30)
            #expect(row.last_error.hasPrefix("SMTP connect to 127.0.0.1:\(config.email.port) failed"))
        }
    }

    @Test("a server that never answers: the send gives up after timeout_seconds and is retried later")
    func silentServer() async throws {
        let sink = try await SMTPSink.start()
        sink.staySilent(true)
        var config = NotificationConfig.smtp(sink)
        config.email.timeoutSeconds = 1
        let t = try await TestHost.make(modules: [], notifications: config)
        try await t.using {
            let id = try await t.enqueue(.mail(to: "a@example.com"))
            let started = Date()
            #expect(try await t.host.outboxWorker().runOnce(now: Clock.now()).retrying == 1)
            // Well below the default 30 s: the configured second ended the wait (the bound leaves room for a loaded CI).
            #expect(Date().timeIntervalSince(started) < 15)
            let row = try #require(try await t.outbox(id))
            #expect(row.status == "pending" && row.last_error == "SMTP 127.0.0.1:\(sink.port): no complete conversation within 1 s")
            #expect(sink.connections == 1 && sink.mails.isEmpty)
        }
        await sink.stop()
    }

    // MARK: - The staff page and retry

    @Test("the outbox page shows a failed row with its error; Retry resets it, is audited, and the next pass sends it")
    func staffRetry() async throws {
        let sink = try await SMTPSink.start()
        sink.answerRCPT("451 4.7.1 greylisted, come back later")
        let t = try await TestHost.make(modules: [], notifications: .smtp(sink, maxAttempts: 1))
        try await t.admin()
        let id = try await t.enqueue(.mail(to: "zhao@example.com", subject: "Contract <signed>", reference: "contract:9"))
        let sent = try await t.enqueue(.mail(to: "qian@example.com"))
        try await t.db.update("core_outbox").set("status", to: "sent").set("sent_at", to: Clock.now()).where("id", .equal, sent).run()
        #expect(try await t.host.outboxWorker().runOnce(now: Clock.now()).failed == 1)
        try await t.test { client in
            var admin = try await Browser.login(client, "admin")
            let page = try await admin.get("/m/core/outbox")
            #expect(page.status == .ok)
            #expect(page.text.contains("zhao@example.com") && page.text.contains("Contract &lt;signed&gt;"))
            #expect(page.text.contains("notice · contract:9"))
            #expect(page.text.contains("SMTP 451 after RCPT TO: 451 4.7.1 greylisted, come back later"))
            #expect(page.text.contains("<span class=\"badge danger\">失败</span>"))
            #expect(page.text.contains("action=\"/m/core/outbox/\(id)/retry\""))
            #expect(!page.text.contains("action=\"/m/core/outbox/\(sent)/retry\""), "a sent row has no retry button")

            let failedOnly = try await admin.get("/m/core/outbox?status=failed")
            #expect(failedOnly.text.contains("zhao@example.com") && !failedOnly.text.contains("qian@example.com"))

            #expect(try await admin.post("/m/core/outbox/\(sent)/retry").location == "/m/core/outbox")
            #expect(try await t.outbox(sent)?.status == "sent", "a sent row is not queued again")
            let refused = try await admin.get("/m/core/outbox")
            #expect(HTMLProbe.flashes(in: refused.text) == ["该消息正在发送或已发送，不能重发。"])

            sink.answerRCPT(nil)
            let answer = try await admin.post("/m/core/outbox/\(id)/retry")
            #expect(answer.status == .seeOther && answer.location == "/m/core/outbox")
            let after = try await admin.get("/m/core/outbox")
            #expect(HTMLProbe.flashes(in: after.text) == ["消息已重新排队，将在下一轮发送。"])
            let row = try #require(try await t.outbox(id))
            #expect(row.status == "pending" && row.attempts == 0 && row.next_attempt_at <= Clock.now())
            let audit = try #require(try await t.auditRows(action: "outbox.retry").first)
            #expect(audit.actor_login == "admin" && audit.target == "outbox:\(id)")
            #expect(audit.before_state?.contains("greylisted") == true && audit.after_state?.contains("pending") == true)
            #expect(try await t.auditRows(action: "outbox.retry").count == 1, "the refused retry of a sent row is not audited")

            #expect(try await t.host.outboxWorker().runOnce(now: Clock.now()).sent == 1)
            #expect(sink.mails.map(\.recipients) == [["zhao@example.com"]])
            #expect(try await t.outbox(id)?.status == "sent")
        }
        await sink.stop()
    }
}
