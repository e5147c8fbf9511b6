@testable import Host
import HostTesting
import PluginAPI
import SQLKit

/// A module that queues a message together with a row of its own, in one transaction — the way real modules use the outbox.
/// `POST /m/notice/send` with `channel`, `to`, `subject`, `body`; `fail=1` throws after queueing, rolling both back.
struct NoticeModule: Module {
    let manifest = ModuleManifest(id: "notice", name: LocalizedText(zh: "通知", en: "Notices"), version: "1.0.0")
    var permissions: [ResourcePermissions] { [.standard("notice", LocalizedText(zh: "通知", en: "Notice"), owned: false)] }
    var migrations: [Migration] {
        [Migration(version: 1, name: "notices") { db in
            try await db.create(table: "notice_log")
                .column("id", type: .bigint, .primaryKey(autoIncrement: true))
                .column("recipient", type: .text, .notNull)
                .run()
        }]
    }

    func routes(_ routes: inout RouteCollector) throws {
        try routes.post("/send", .requires("notice", "add")) { req in
            let form = req.form
            let channel = OutboxChannel(rawValue: form["channel"]) ?? .email
            let outboxID = try await req.transaction { tx in
                let logID = try await tx.db.insert(into: "notice_log").columns("recipient").values(SQLBind(form["to"]))
                    .returning("id").first(decodingColumn: "id", as: Int64.self) ?? 0
                let id = try await tx.enqueue(OutboxMessage(channel: channel, recipient: form["to"], subject: form["subject"], body: form["body"],
                                                            module: "notice", reference: "notice:\(logID)"))
                if form["fail"] == "1" { throw ModuleError.conflict("rolled back on purpose") }
                return id
            }
            return .redirect("/m/notice/sent/\(outboxID)")
        }
    }
}

/// `core_outbox` as the tests read it.
struct OutboxRow: Decodable, Sendable, Equatable {
    let id: Int64; let channel: String; let recipient: String; let subject: String; let body: String; let module: String
    let reference: String; let status: String; let attempts: Int; let next_attempt_at: Int64; let lease_until: Int64?
    let last_error: String; let created_at: Int64; let sent_at: Int64?; let created_by: Int64?

    static let columns = ["id", "channel", "recipient", "subject", "body", "module", "reference", "status", "attempts", "next_attempt_at",
                          "lease_until", "last_error", "created_at", "sent_at", "created_by"]
}

extension TestHost {
    /// Every outbox row, oldest first.
    func outbox() async throws -> [OutboxRow] {
        try await db.select().columns(OutboxRow.columns).from("core_outbox").orderBy("id").all(decoding: OutboxRow.self)
    }

    /// One outbox row.
    func outbox(_ id: Int64) async throws -> OutboxRow? {
        try await db.select().columns(OutboxRow.columns).from("core_outbox").where("id", .equal, id).first(decoding: OutboxRow.self)
    }

    /// Queues `message` in a host transaction, as a module would.
    @discardableResult
    func enqueue(_ message: OutboxMessage) async throws -> Int64 {
        try await host.runtime.transaction(actorID: nil) { tx in try await tx.enqueue(message) }
    }

    /// Runs `body`, then closes the database whatever happened (an unclosed pool aborts the test run).
    func using(_ body: () async throws -> Void) async throws {
        do {
            try await body()
        } catch {
            await host.shutdown()
            throw error
        }
        await host.shutdown()
    }
}

extension NotificationConfig {
    /// E-mail over SMTP to `sink`, SMS to the log.
    static func smtp(_ sink: SMTPSink, maxAttempts: Int = 8) -> NotificationConfig {
        var config = NotificationConfig()
        config.email.transport = .smtp
        config.email.host = "127.0.0.1"
        config.email.port = sink.port
        config.email.from = "noreply@yuelao.test"
        config.email.helo = "yuelao.test"
        config.email.timeoutSeconds = 30   // generous: a loaded CI machine (the whole suite on PostgreSQL) can take seconds per conversation
        config.worker.maxAttempts = maxAttempts
        return config
    }

    /// SMS to the webhook at `url`.
    static func webhook(_ url: String, token: String = "") -> NotificationConfig {
        var config = NotificationConfig()
        config.sms.transport = .webhook
        config.sms.url = url
        config.sms.token = token
        config.sms.timeoutSeconds = 30
        return config
    }
}

extension OutboxMessage {
    /// An e-mail from the test module.
    static func mail(to recipient: String, subject: String = "Hello", body: String = "Body", reference: String = "member:42") -> OutboxMessage {
        OutboxMessage(channel: .email, recipient: recipient, subject: subject, body: body, module: "notice", reference: reference)
    }
}
