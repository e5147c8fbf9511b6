import Foundation
import NIOConcurrencyHelpers
import NIOCore
import NIOPosix

/// A tiny SMTP server for tests on 127.0.0.1 and an ephemeral port: it speaks 220/250/354/221 (and 235 to
/// `AUTH PLAIN`), records each envelope and message, and can be told to refuse recipients (`451 try later`,
/// `550 no such user`) so that failures are real SMTP replies.
///
/// ```swift
/// let sink = try await SMTPSink.start()
/// defer { Task { await sink.stop() } }
/// … the host sends to 127.0.0.1:\(sink.port) …
/// #expect(sink.mails.first?.subject == "签约成功")
/// ```
public final class SMTPSink: Sendable {
    struct State {
        var mails: [SMTPMail] = []
        var rcptReply: String?
        var silent = false
        var connections = 0
        var commands: [String] = []
    }

    private let state: NIOLockedValueBox<State>
    private let server: any Channel
    /// The port it listens on.
    public let port: Int

    private init(state: NIOLockedValueBox<State>, server: any Channel) {
        self.state = state
        self.server = server
        self.port = server.localAddress?.port ?? 0
    }

    /// Starts a sink on 127.0.0.1 and a free port.
    public static func start() async throws -> SMTPSink {
        let state = NIOLockedValueBox(State())
        let server = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(SMTPSinkHandler(state: state))
                }
            }
            .bind(host: "127.0.0.1", port: 0).get()
        return SMTPSink(state: state, server: server)
    }

    /// The messages accepted so far, in order.
    public var mails: [SMTPMail] { state.withLockedValue { $0.mails } }
    /// How many connections were opened.
    public var connections: Int { state.withLockedValue { $0.connections } }
    /// Every command line received (AUTH lines included as sent).
    public var commands: [String] { state.withLockedValue { $0.commands } }

    /// Answers every `RCPT TO` with `reply` (e.g. `"451 4.3.0 try later"`), or normally again with nil.
    public func answerRCPT(_ reply: String?) {
        state.withLockedValue { $0.rcptReply = reply }
    }

    /// With true, new connections get no greeting at all (a server that hangs), for timeout tests.
    public func staySilent(_ silent: Bool) {
        state.withLockedValue { $0.silent = silent }
    }

    /// Stops listening.
    public func stop() async {
        try? await server.close()
    }

    fileprivate static func record(_ mail: SMTPMail, in state: NIOLockedValueBox<State>) {
        state.withLockedValue { $0.mails.append(mail) }
    }
}

/// One connection's side of the conversation.
private final class SMTPSinkHandler: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer

    let state: NIOLockedValueBox<SMTPSink.State>
    var pending = ""
    var inData = false
    var helo = ""
    var auth: String?
    var from = ""
    var recipients: [String] = []
    var dataLines: [String] = []

    init(state: NIOLockedValueBox<SMTPSink.State>) { self.state = state }

    func channelActive(context: ChannelHandlerContext) {
        let silent = state.withLockedValue { value in
            value.connections += 1
            return value.silent
        }
        if !silent { reply(context, "220 sink.test ESMTP ready") }
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        var buffer = unwrapInboundIn(data)
        pending += buffer.readString(length: buffer.readableBytes) ?? ""
        while let end = pending.range(of: "\r\n") {
            let line = String(pending[..<end.lowerBound])
            pending.removeSubrange(..<end.upperBound)
            handle(line, context)
        }
    }

    func handle(_ line: String, _ context: ChannelHandlerContext) {
        if inData {
            if line == "." {
                inData = false
                let mail = SMTPMail(helo: helo, auth: auth, from: from, recipients: recipients, data: dataLines.joined(separator: "\r\n") + "\r\n")
                SMTPSink.record(mail, in: state)
                from = ""
                recipients = []
                dataLines = []
                reply(context, "250 2.0.0 queued")
            } else {
                dataLines.append(line.hasPrefix(".") ? String(line.dropFirst()) : line)
            }
            return
        }
        state.withLockedValue { $0.commands.append(line) }
        let verb = line.prefix(while: { $0 != " " && $0 != ":" }).uppercased()
        switch verb {
        case "EHLO":
            helo = String(line.dropFirst(5))
            reply(context, "250-sink.test greets \(helo)\r\n250-AUTH PLAIN\r\n250 8BITMIME")
        case "HELO":
            helo = String(line.dropFirst(5))
            reply(context, "250 sink.test")
        case "AUTH":
            let encoded = line.split(separator: " ").dropFirst(2).first.map(String.init) ?? ""
            let parts = (Data(base64Encoded: encoded) ?? Data()).split(separator: 0, omittingEmptySubsequences: false)
            auth = parts.count == 3 ? "\(String(decoding: parts[1], as: UTF8.self)):\(String(decoding: parts[2], as: UTF8.self))" : "?"
            reply(context, "235 2.7.0 authenticated")
        case "MAIL":
            from = Self.address(line)
            reply(context, "250 2.1.0 sender ok")
        case "RCPT":
            if let refusal = state.withLockedValue({ $0.rcptReply }) {
                reply(context, refusal)
            } else {
                recipients.append(Self.address(line))
                reply(context, "250 2.1.5 recipient ok")
            }
        case "DATA":
            if recipients.isEmpty {
                reply(context, "554 5.5.1 no valid recipients")
            } else {
                inData = true
                reply(context, "354 end data with <CR><LF>.<CR><LF>")
            }
        case "RSET":
            from = ""
            recipients = []
            reply(context, "250 2.0.0 ok")
        case "NOOP":
            reply(context, "250 2.0.0 ok")
        case "QUIT":
            let channel = context.channel
            context.writeAndFlush(wrapOutboundOut(ByteBuffer(string: "221 2.0.0 bye\r\n"))).whenComplete { _ in channel.close(promise: nil) }
        default:
            reply(context, "502 5.5.2 command not recognised")
        }
    }

    func reply(_ context: ChannelHandlerContext, _ text: String) {
        context.writeAndFlush(wrapOutboundOut(ByteBuffer(string: text + "\r\n")), promise: nil)
    }

    /// The address inside `<…>` of `MAIL FROM:<a>` / `RCPT TO:<b>`.
    static func address(_ line: String) -> String {
        guard let open = line.firstIndex(of: "<"), let close = line.lastIndex(of: ">"), open < close else { return "" }
        return String(line[line.index(after: open)..<close])
    }
}

/// A message as the sink received it, with the few decoders tests need (unfolded headers, RFC 2047 `B` words,
/// a base64 body).
public struct SMTPMail: Sendable, Equatable {
    /// The name given in `EHLO`/`HELO`.
    public let helo: String
    /// `user:password` from `AUTH PLAIN`, if the client authenticated.
    public let auth: String?
    /// The envelope sender (`MAIL FROM`).
    public let from: String
    /// The envelope recipients (`RCPT TO`).
    public let recipients: [String]
    /// The message text between `DATA` and the final dot, dot-stuffing undone, CRLF line ends.
    public let data: String

    /// The header section, unfolded: one (name, raw value) pair per header.
    public var headers: [(name: String, value: String)] {
        let head = data.components(separatedBy: "\r\n\r\n").first ?? ""
        var result: [(name: String, value: String)] = []
        for line in head.components(separatedBy: "\r\n") {
            if line.first == " " || line.first == "\t", !result.isEmpty {
                result[result.count - 1].value += line
            } else if let colon = line.firstIndex(of: ":") {
                result.append((String(line[..<colon]), String(line[line.index(after: colon)...]).trimmingCharacters(in: .whitespaces)))
            }
        }
        return result
    }

    /// The raw value of header `name` (case-insensitive).
    public func header(_ name: String) -> String? {
        headers.first { $0.name.lowercased() == name.lowercased() }?.value
    }

    /// The subject with encoded words decoded.
    public var subject: String? { header("Subject").map(Self.decodeWords) }

    /// The body text, base64-decoded when `Content-Transfer-Encoding: base64`.
    public var bodyText: String {
        guard let split = data.range(of: "\r\n\r\n") else { return "" }
        let body = String(data[split.upperBound...])
        guard header("Content-Transfer-Encoding")?.lowercased() == "base64" else { return body }
        let joined = body.components(separatedBy: "\r\n").joined()
        return String(decoding: Data(base64Encoded: joined) ?? Data(), as: UTF8.self)
    }

    /// Decodes RFC 2047 `=?UTF-8?B?…?=` words; whitespace between two encoded words is dropped, as the RFC says.
    public static func decodeWords(_ value: String) -> String {
        var out = ""
        var bytes: [UInt8] = []
        var lastWasEncoded = false
        func flush() {
            out += String(decoding: bytes, as: UTF8.self)
            bytes = []
        }
        for token in value.split(separator: " ", omittingEmptySubsequences: true) {
            let parts = token.split(separator: "?", omittingEmptySubsequences: false)
            if token.hasPrefix("=?"), token.hasSuffix("?="), parts.count == 5, parts[2].uppercased() == "B",
               let decoded = Data(base64Encoded: String(parts[3])) {
                if !lastWasEncoded, !out.isEmpty { out += " " }
                bytes += decoded
                lastWasEncoded = true
            } else {
                flush()
                if !out.isEmpty { out += " " }
                out += token
                lastWasEncoded = false
            }
        }
        flush()
        return out
    }
}
