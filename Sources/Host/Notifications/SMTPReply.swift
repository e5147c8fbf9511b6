import NIOCore

/// One SMTP reply: the three-digit code and the text of its lines (`250-first`, `250 last`).
struct SMTPReply: Sendable, Equatable, CustomStringConvertible {
    let code: Int
    let lines: [String]

    /// `451 try later` (lines joined with spaces), as shown in the outbox list.
    var description: String { "\(code) " + lines.joined(separator: " ") }
    var isPositive: Bool { (200..<400).contains(code) }
}

/// Splits the server's byte stream into replies: lines end in CRLF (a bare LF is accepted), `NNN-` continues a reply,
/// `NNN ` (or a bare `NNN`) ends it. Anything else, or a line over 2,000 bytes, closes the connection with an error.
struct SMTPReplyDecoder: ByteToMessageDecoder {
    typealias InboundOut = SMTPReply

    static let lineLimit = 2000
    private var lines: [String] = []

    mutating func decode(context: ChannelHandlerContext, buffer: inout ByteBuffer) throws -> DecodingState {
        let view = buffer.readableBytesView
        guard let newline = view.firstIndex(of: UInt8(ascii: "\n")) else {
            if view.count > Self.lineLimit { throw OutboxSendError.transient("SMTP reply line longer than \(Self.lineLimit) bytes") }
            return .needMoreData
        }
        let bytes = buffer.readBytes(length: newline - view.startIndex + 1) ?? []
        // Drop the line end byte-wise: as Characters, "\r\n" is one grapheme and would not match "\n".
        let line = String(decoding: bytes.reversed().drop(while: { $0 == UInt8(ascii: "\n") || $0 == UInt8(ascii: "\r") }).reversed(),
                          as: UTF8.self)
        let digits = line.prefix(3)
        guard digits.count == 3, digits.allSatisfy(\.isASCII), let code = Int(digits), (200...599).contains(code) else {
            throw OutboxSendError.transient("malformed SMTP reply: \(line.prefix(100))")
        }
        let rest = line.dropFirst(3)
        lines.append(String(rest.dropFirst()))
        if rest.first == "-" { return .continue }
        context.fireChannelRead(wrapInboundOut(SMTPReply(code: code, lines: lines)))
        lines = []
        return .continue
    }

    mutating func decodeLast(context: ChannelHandlerContext, buffer: inout ByteBuffer, seenEOF: Bool) throws -> DecodingState {
        while try decode(context: context, buffer: &buffer) == .continue {}
        return .needMoreData
    }
}
