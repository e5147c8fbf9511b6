import Logging
import PluginAPI

/// Something that delivers outbox messages of one channel: SMTP, an SMS webhook, the member site's inbox, the log.
///
/// `send` returns when the message has been handed over; it throws (preferably an `OutboxSendError`) when it has not,
/// and the worker then schedules another attempt.
protocol OutboxTransport: Sendable {
    /// Delivers one claimed message.
    func send(_ delivery: OutboxDelivery) async throws
}

/// Why a send failed, as shown in the outbox list; `permanent` failures (a refused recipient) are not retried.
struct OutboxSendError: Error, Sendable, Equatable, CustomStringConvertible {
    private enum Kind: Sendable, Equatable { case transient, permanent }
    private let kind: Kind
    /// The text stored in `last_error`, e.g. `SMTP 451 after RCPT TO: 451 try later`.
    let message: String

    /// A failure worth another attempt later (server busy, network down, 4xx reply).
    static func transient(_ message: String) -> OutboxSendError { OutboxSendError(kind: .transient, message: message) }
    /// A failure that another attempt would repeat (the recipient does not exist, the request is malformed).
    static func permanent(_ message: String) -> OutboxSendError { OutboxSendError(kind: .permanent, message: message) }

    var isPermanent: Bool { kind == .permanent }
    var description: String { message }

    /// Any error as an outbox failure: unknown errors are transient and keep their description.
    static func from(_ error: any Error) -> OutboxSendError {
        (error as? OutboxSendError) ?? .transient(String(describing: error))
    }
}

/// The transport of each channel, as `modules.yaml` chooses them; a channel without one is switched off
/// (its messages stay queued).
struct OutboxTransports: Sendable {
    var email: (any OutboxTransport)?
    var sms: (any OutboxTransport)?
    var site: (any OutboxTransport)?

    /// The transports of `config`: SMTP or the log for e-mail, the webhook or the log for SMS, `core_site_message` for internal.
    init(config: NotificationConfig, database: Database, logger: Logger) {
        switch config.email.transport {
        case .smtp: email = SMTPTransport(config: config.email)
        case .log: email = LogTransport(logger: logger)
        case .none: email = nil
        }
        switch config.sms.transport {
        case .webhook: sms = WebhookTransport(config: config.sms)
        case .log: sms = LogTransport(logger: logger)
        case .none: sms = nil
        }
        site = SiteMessageTransport(database: database)
    }

    init(email: (any OutboxTransport)?, sms: (any OutboxTransport)?, site: (any OutboxTransport)?) {
        self.email = email
        self.sms = sms
        self.site = site
    }

    func transport(for channel: OutboxChannel) -> (any OutboxTransport)? {
        switch channel {
        case .email: email
        case .sms: sms
        case .internal: site
        }
    }

    /// The channels that have a transport.
    var channels: [OutboxChannel] { OutboxChannel.allCases.filter { transport(for: $0) != nil } }
}
