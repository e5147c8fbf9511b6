import Foundation
@testable import Host
import HostTesting
import PluginAPI
import SQLKit
import Testing

@Suite("the outbox sends e-mail over SMTP")
struct OutboxSMTPTests {
    // MARK: - Queue in a module transaction, send over SMTP

    @Test("a message queued in a module's transaction goes out in a real SMTP conversation: envelope, headers, decoded subject and body; the row is sent")
    func sendsOverSMTP() async throws {
        let sink = try await SMTPSink.start()
        let t = try await TestHost.make(modules: [NoticeModule()], notifications: .smtp(sink))
        let adminID = try await t.admin()
        let subject = "签约成功 – 李娜女士，您的会员合同已经生效，欢迎来到月老婚恋服务中心"
        let body = "您好，李娜：\n您的合同已生效。\n.\n祝好 🎉"
        try await t.test { client in
            var admin = try await Browser.login(client, "admin")
            let page = try await admin.post("/m/notice/send", form: ["channel": "email", "to": "li.na@example.com", "subject": subject, "body": body])
            #expect(page.status == .seeOther)
            let queued = try #require(try await t.outbox().first)
            #expect(queued.status == "pending" && queued.attempts == 0 && queued.created_by == adminID)
            #expect(queued.reference == "notice:1" && queued.module == "notice")
            #expect(try await t.count("notice_log") == 1)

            let now = Clock.now()
            let pass = try await t.host.outboxWorker().runOnce(now: now)
            #expect(pass == OutboxWorker.Pass(claimed: 1, sent: 1))
            let mail = try #require(sink.mails.first)
            #expect(sink.mails.count == 1)
            #expect(mail.helo == "yuelao.test" && mail.auth == nil)
            #expect(mail.from == "noreply@yuelao.test" && mail.recipients == ["li.na@example.com"])
            #expect(mail.header("From") == "noreply@yuelao.test")
            #expect(mail.header("To") == "li.na@example.com")
            #expect(mail.subject == subject)
            #expect(mail.header("Subject")?.hasPrefix("=?UTF-8?B?") == true)
            #expect(mail.data.components(separatedBy: "\r\n").allSatisfy { $0.utf8.count <= 78 }, "no line longer than 78 characters")
            #expect(mail.data.unicodeScalars.allSatisfy { $0.isASCII })
            #expect(mail.bodyText == body.replacingOccurrences(of: "\n", with: "\r\n"))
            #expect(mail.header("Content-Type") == "text/plain; charset=utf-8")
            #expect(mail.header("Content-Transfer-Encoding") == "base64")
            #expect(mail.header("MIME-Version") == "1.0")
            #expect(mail.header("Message-ID") == "<outbox.\(queued.id).\(queued.created_at)@yuelao.test>")
            let date = try #require(mail.header("Date"))
            let formatter = DateFormatter()
            formatter.locale = Locale(identifier: "en_US_POSIX")
            formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss Z"
            let sentDate = try #require(formatter.date(from: date))
            #expect(abs(sentDate.timeIntervalSinceNow) < 60)
            #expect(sink.commands.contains("QUIT"))

            let row = try #require(try await t.outbox(queued.id))
            #expect(row.status == "sent" && row.sent_at == now && row.attempts == 1 && row.lease_until == nil && row.last_error.isEmpty)
            #expect(try await t.host.outboxWorker().runOnce(now: now + 3600).claimed == 0)
            #expect(sink.mails.count == 1)
        }
        await sink.stop()
    }

    @Test("a plain ASCII subject is sent as is; with a username the client authenticates with AUTH PLAIN")
    func plainSubjectAndAuth() async throws {
        let sink = try await SMTPSink.start()
        var config = NotificationConfig.smtp(sink)
        config.email.username = "mailer"
        config.email.password = "pa55 word"
        let t = try await TestHost.make(modules: [], notifications: config)
        try await t.using {
            try await t.enqueue(.mail(to: "a@example.com", subject: "Your appointment", body: "See you at 10:00."))
            #expect(try await t.host.outboxWorker().runOnce(now: Clock.now()).sent == 1)
            let mail = try #require(sink.mails.first)
            #expect(mail.header("Subject") == "Your appointment")
            #expect(mail.auth == "mailer:pa55 word")
            #expect(mail.bodyText == "See you at 10:00.")
        }
        await sink.stop()
    }

    // MARK: - Atomic with the module's writes

    @Test("a rolled-back transaction queues nothing: neither the module's row nor the message exists, and nothing is sent")
    func rollbackQueuesNothing() async throws {
        let sink = try await SMTPSink.start()
        let t = try await TestHost.make(modules: [NoticeModule()], notifications: .smtp(sink))
        try await t.admin()
        try await t.test { client in
            var admin = try await Browser.login(client, "admin")
            let page = try await admin.post("/m/notice/send", form: ["channel": "email", "to": "li.na@example.com", "subject": "x", "body": "y", "fail": "1"])
            #expect(page.status.code == 409 && page.text.contains("rolled back on purpose"))
            #expect(try await t.count("core_outbox") == 0)
            #expect(try await t.count("notice_log") == 0)
            #expect(try await t.host.outboxWorker().runOnce(now: Clock.now()).claimed == 0)
            #expect(sink.mails.isEmpty && sink.connections == 0)
        }
        await sink.stop()
    }

    @Test("an empty recipient is refused when queueing, and a transaction the host did not open has no outbox")
    func refusedMessages() async throws {
        let t = try await TestHost.make(modules: [])
        try await t.using {
            await #expect(throws: OutboxError.invalid("the recipient is empty")) {
                try await t.enqueue(.mail(to: "  "))
            }
            let queued = try await t.count("core_outbox")
            #expect(queued == 0)
            let bare = Transaction(db: t.db, actorID: nil, publisher: { _, _ in }, auditor: { _, _ in })
            await #expect(throws: OutboxError.unavailable) {
                try await bare.enqueue(.mail(to: "a@example.com"))
            }
        }
    }

    // MARK: - Message text

    @Test("encoded words split between characters, lines are dot-stuffed, the body is base64 in 76-character lines")
    func composition() {
        let words = MailComposer.encodedWords(String(repeating: "月老", count: 20))
        #expect(words.count > 1 && words.allSatisfy { $0.count <= 75 })
        #expect(SMTPMail.decodeWords(words.joined(separator: " ")) == String(repeating: "月老", count: 20))
        #expect(MailComposer.subjectValue("Line\r\nBcc: x@y") == "Line Bcc: x@y")
        #expect(MailComposer.dotStuffed("a\r\n.b\r\n.\r\nc\r\n") == "a\r\n..b\r\n..\r\nc\r\n")
        let body = MailComposer.base64Body(String(repeating: "x", count: 200))
        #expect(body.components(separatedBy: "\r\n").map(\.count) == [76, 76, 76, 40])
        #expect(MailComposer.isDeliverable("li.na@example.com"))
        for bad in ["li.na", "a@b@c", "a b@c.d", "a@b>\r\nRCPT TO:<c@d", "@example.com", "x@"] {
            #expect(!MailComposer.isDeliverable(bad), "\(bad)")
        }
    }
}
