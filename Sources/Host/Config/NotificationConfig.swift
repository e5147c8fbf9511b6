/// The `notifications:` block of `modules.yaml`: how each outbox channel is sent and how often the worker runs.
///
/// ```yaml
/// notifications:
///   email: { transport: smtp, host: 127.0.0.1, port: 25, from: "noreply@example.com", helo: yuelao.local }
///   sms: { transport: webhook, url: "http://127.0.0.1:9000/sms", token: "" }
///   worker: { interval_seconds: 5, max_attempts: 8, batch: 20 }
/// ```
/// Without the block, e-mail and SMS go to the log (and count as sent) and the worker runs every 5 seconds.
/// Internal messages always go to `core_site_message`.
public struct NotificationConfig: Sendable, Equatable {
    /// How e-mail is sent.
    public enum EmailTransport: String, Sendable, CaseIterable {
        /// A real SMTP conversation with `host:port`.
        case smtp
        /// Written to the host's log and marked sent (the default, for trying the host out).
        case log
        /// Switched off: e-mail stays queued (pending) until a transport is configured.
        case none
    }

    /// How text messages are sent.
    public enum SMSTransport: String, Sendable, CaseIterable {
        /// An HTTP POST of `{id, to, text, reference}` as JSON to the provider's `url`.
        case webhook
        /// Written to the host's log and marked sent (the default).
        case log
        /// Switched off: text messages stay queued (pending).
        case none
    }

    /// `notifications.email`.
    public struct Email: Sendable, Equatable {
        public var transport: EmailTransport = .log
        public var host = "127.0.0.1"
        public var port = 25
        /// The envelope sender and `From:` address.
        public var from = ""
        /// The name this host gives in `EHLO` (and the domain of its `Message-ID`s).
        public var helo = "yuelao.local"
        /// With a username the client authenticates with `AUTH PLAIN` (send it only over a trusted network: no TLS).
        public var username = ""
        public var password = ""
        /// Limit for connecting and for the whole conversation of one message.
        public var timeoutSeconds = 30

        public init() {}
    }

    /// `notifications.sms`.
    public struct SMS: Sendable, Equatable {
        public var transport: SMSTransport = .log
        public var url = ""
        /// Sent as `Authorization: Bearer <token>` when not empty.
        public var token = ""
        public var timeoutSeconds = 15

        public init() {}
    }

    /// `notifications.worker`.
    public struct Worker: Sendable, Equatable {
        /// Pause between two passes over the outbox.
        public var intervalSeconds = 5
        /// After this many failed attempts a message is `failed` and waits for a staff retry.
        public var maxAttempts = 8
        /// Messages claimed per pass.
        public var batch = 20
        /// How long a claimed message is reserved for its worker; after that a crashed send is picked up again.
        public var leaseSeconds = 120

        public init() {}
    }

    public var email = Email()
    public var sms = SMS()
    public var worker = Worker()

    /// The defaults: e-mail and SMS to the log, a pass every 5 seconds.
    public init() {}
}
