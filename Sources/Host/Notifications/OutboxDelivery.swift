import PluginAPI

/// Where an outbox row stands: `pending` (waiting for `next_attempt_at`), `sending` (claimed by a worker until
/// `lease_until`), `sent`, or `failed` (out of attempts, or refused for good; waits for a staff retry).
enum OutboxStatus: String, Sendable, CaseIterable, Codable {
    case pending, sending, sent, failed
}

/// One claimed outbox row on its way out: the message, and the lease that marks the claim as this worker's.
struct OutboxDelivery: Sendable, Equatable {
    /// The `core_outbox` id (also part of the e-mail's `Message-ID` and of the webhook payload).
    let id: Int64
    let message: OutboxMessage
    /// Attempts including this one.
    let attempts: Int
    /// The claim: `lease_until` as written when this worker claimed the row. Updates of the row require it unchanged.
    let leaseUntil: Int64
    let createdAt: Int64

    /// The row as `claim` reads it back.
    struct Row: Decodable, Sendable {
        let id: Int64; let channel: String; let recipient: String; let subject: String; let body: String
        let module: String; let reference: String; let attempts: Int; let lease_until: Int64?; let created_at: Int64
    }

    /// Nil for a row with an unknown channel (claims select known channels only, so this does not happen in practice).
    init?(_ row: Row) {
        guard let channel = OutboxChannel(rawValue: row.channel) else { return nil }
        id = row.id
        message = OutboxMessage(channel: channel, recipient: row.recipient, subject: row.subject, body: row.body,
                                module: row.module, reference: row.reference)
        attempts = row.attempts
        leaseUntil = row.lease_until ?? 0
        createdAt = row.created_at
    }

    init(id: Int64, message: OutboxMessage, attempts: Int, leaseUntil: Int64, createdAt: Int64) {
        self.id = id
        self.message = message
        self.attempts = attempts
        self.leaseUntil = leaseUntil
        self.createdAt = createdAt
    }
}
