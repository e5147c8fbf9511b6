import Foundation
import NIOConcurrencyHelpers
import NIOCore
import NIOPosix

/// Sends e-mail with a real SMTP conversation over SwiftNIO: greeting, `EHLO` (or `HELO`), optional `AUTH PLAIN`,
/// `MAIL FROM`, `RCPT TO`, `DATA`, `QUIT`.
///
/// Any reply outside the expected codes throws with the server's reply text, e.g. `SMTP 451 after RCPT TO: 451 try later`.
/// A 5xx reply to `RCPT TO` or to the end of `DATA` refuses this message for good (not retried); everything else —
/// connection problems, 4xx replies, 5xx replies to the greeting, `EHLO`, `AUTH` or `MAIL FROM` (configuration
/// problems that an operator can fix) — is retried. The connect and the whole conversation have a time limit.
/// There is no TLS: use a relay on the same machine or a trusted network.
struct SMTPTransport: OutboxTransport {
    let host: String
    let port: Int
    let from: String
    let helo: String
    let username: String
    let password: String
    let timeoutSeconds: Int

    init(config: NotificationConfig.Email) {
        host = config.host
        port = config.port
        from = config.from
        helo = config.helo.isEmpty ? "localhost" : config.helo
        username = config.username
        password = config.password
        timeoutSeconds = config.timeoutSeconds
    }

    typealias Connection = NIOAsyncChannel<SMTPReply, ByteBuffer>

    func send(_ delivery: OutboxDelivery) async throws {
        let recipient = delivery.message.recipient
        guard MailComposer.isDeliverable(recipient) else {
            throw OutboxSendError.permanent("not an e-mail address: \(recipient.prefix(100))")
        }
        guard MailComposer.isDeliverable(from) else {
            throw OutboxSendError.transient("notifications.email.from is not an e-mail address: \(from.prefix(100))")
        }
        let text = MailComposer(from: from).compose(delivery, date: Date())
        let connection = try await connect()
        let timedOut = NIOLockedValueBox(false)
        do {
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask {
                    try await connection.executeThenClose { inbound, outbound in
                        var session = Session(replies: inbound.makeAsyncIterator(), outbound: outbound)
                        try await converse(&session, recipient: recipient, text: text)
                    }
                }
                group.addTask {
                    try await Task.sleep(for: .seconds(timeoutSeconds))
                    timedOut.withLockedValue { $0 = true }
                    connection.channel.close(promise: nil)
                    // Must throw: a child that returns normally would make the unfinished conversation look successful.
                    throw CancellationError()
                }
                // The first child to finish decides: the conversation (done or failed) or the timer (thrown above).
                try await group.next()
                group.cancelAll()
            }
        } catch {
            if timedOut.withLockedValue({ $0 }) {
                throw OutboxSendError.transient("SMTP \(host):\(port): no complete conversation within \(timeoutSeconds) s")
            }
            throw error
        }
    }

    private func connect() async throws -> Connection {
        do {
            return try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
                .connectTimeout(.seconds(Int64(timeoutSeconds)))
                .connect(host: host, port: port) { channel in
                    channel.eventLoop.makeCompletedFuture {
                        try channel.pipeline.syncOperations.addHandler(ByteToMessageHandler(SMTPReplyDecoder()))
                        return try Connection(wrappingChannelSynchronously: channel)
                    }
                }
        } catch {
            throw OutboxSendError.transient("SMTP connect to \(host):\(port) failed: \(error)")
        }
    }

    /// The conversation of one message.
    private func converse(_ session: inout Session, recipient: String, text: String) async throws {
        try session.expect(try await session.read(after: "connect"), [220], stage: "greeting")
        let ehlo = try await session.command("EHLO \(helo)")
        if !ehlo.isPositive {
            try session.expect(try await session.command("HELO \(helo)"), [250], stage: "HELO")
        }
        if !username.isEmpty {
            let credentials = Data(([0] + Array(username.utf8) + [0] + Array(password.utf8))).base64EncodedString()
            try session.expect(try await session.command("AUTH PLAIN \(credentials)"), [235], stage: "AUTH PLAIN")
        }
        try session.expect(try await session.command("MAIL FROM:<\(from)>"), [250], stage: "MAIL FROM")
        try session.expect(try await session.command("RCPT TO:<\(recipient)>"), [250, 251], stage: "RCPT TO", refusesMessage: true)
        try session.expect(try await session.command("DATA"), [354], stage: "DATA")
        try await session.write(MailComposer.dotStuffed(text) + ".\r\n")
        try session.expect(try await session.read(after: "message text"), [250], stage: "end of DATA", refusesMessage: true)
        // The message is accepted; a bad answer to QUIT changes nothing.
        _ = try? await session.command("QUIT")
    }

    /// The two ends of the connection during one conversation.
    struct Session {
        var replies: NIOAsyncChannelInboundStream<SMTPReply>.AsyncIterator
        let outbound: NIOAsyncChannelOutboundWriter<ByteBuffer>

        mutating func read(after stage: String) async throws -> SMTPReply {
            guard let reply = try await replies.next() else {
                throw OutboxSendError.transient("SMTP server closed the connection after \(stage)")
            }
            return reply
        }

        func write(_ text: String) async throws {
            try await outbound.write(ByteBuffer(string: text))
        }

        /// Sends one command line and reads its reply.
        mutating func command(_ line: String) async throws -> SMTPReply {
            try await write(line + "\r\n")
            return try await read(after: line.hasPrefix("AUTH") ? "AUTH PLAIN" : String(line.prefix(40)))
        }

        /// Throws unless `reply` has one of `codes`; a 5xx reply is permanent where `refusesMessage` says so.
        func expect(_ reply: SMTPReply, _ codes: Set<Int>, stage: String, refusesMessage: Bool = false) throws {
            guard !codes.contains(reply.code) else { return }
            let text = "SMTP \(reply.code) after \(stage): \(reply)"
            throw refusesMessage && reply.code >= 500 ? OutboxSendError.permanent(text) : OutboxSendError.transient(text)
        }
    }
}
