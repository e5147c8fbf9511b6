/// How an outbox message reaches its recipient.
public enum OutboxChannel: String, Sendable, Equatable, Hashable, CaseIterable, Codable {
    /// E-mail, sent over SMTP; the recipient is an e-mail address.
    case email
    /// A text message, handed to the SMS provider's webhook; the recipient is a mobile number.
    case sms
    /// A message shown on the member site; the recipient is a member reference such as `member:42`.
    case `internal`
}

/// A notification a module queues in the host's outbox, inside its own transaction.
///
/// The host stores it in `core_outbox` together with the module's other writes; a background worker
/// sends it later through the transport `modules.yaml` chooses for its channel, retrying with back-off.
///
/// ```swift
/// try await req.transaction { tx in
///     try await tx.db.update("members_member").set("status", to: "signed").where("id", .equal, id).run()
///     try await tx.enqueue(OutboxMessage(channel: .email, recipient: member.email, subject: "签约成功",
///                                        body: "您好，您的合同已生效。", module: "members", reference: "member:\(id)"))
/// }
/// ```
public struct OutboxMessage: Sendable, Equatable {
    /// The channel.
    public var channel: OutboxChannel
    /// An e-mail address (`email`), a mobile number (`sms`) or a member reference (`internal`).
    public var recipient: String
    /// The subject (the e-mail subject or the site message's title; SMS ignores it).
    public var subject: String
    /// The plain-text body.
    public var body: String
    /// The id of the module that queued the message.
    public var module: String
    /// What the message is about, e.g. `member:42`; shown in the outbox list and passed to the SMS webhook.
    public var reference: String

    /// Creates a message.
    /// - Parameters:
    ///   - channel: The channel.
    ///   - recipient: An e-mail address, a mobile number or a member reference, depending on `channel`.
    ///   - subject: The subject; may be empty for SMS.
    ///   - body: The plain-text body.
    ///   - module: The id of the queuing module.
    ///   - reference: What the message is about, e.g. `member:42`.
    public init(channel: OutboxChannel, recipient: String, subject: String, body: String, module: String, reference: String = "") {
        self.channel = channel
        self.recipient = recipient
        self.subject = subject
        self.body = body
        self.module = module
        self.reference = reference
    }
}

/// Why a message could not be queued.
public struct OutboxError: Error, Sendable, Equatable, CustomStringConvertible {
    private enum Kind: Equatable, Sendable {
        case unavailable, invalid(String)
    }
    private let kind: Kind

    /// The transaction was created without an outbox (outside the host, e.g. in a hand-built `Transaction`).
    public static let unavailable = OutboxError(kind: .unavailable)
    /// The message is not acceptable (e.g. an empty recipient), with the reason.
    public static func invalid(_ reason: String) -> OutboxError { OutboxError(kind: .invalid(reason)) }

    public var description: String {
        switch kind {
        case .unavailable: "no outbox in this transaction: messages can only be queued in a transaction the host opened"
        case .invalid(let reason): "outbox message rejected: \(reason)"
        }
    }
}
