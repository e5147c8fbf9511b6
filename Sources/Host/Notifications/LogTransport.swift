import Logging

/// Writes messages to the host's log and counts them as sent: the default for e-mail and SMS, for trying the host out.
struct LogTransport: OutboxTransport {
    let logger: Logger

    func send(_ delivery: OutboxDelivery) async throws {
        let message = delivery.message
        logger.info("outbox message (log transport: written here, not delivered)", metadata: [
            "outbox_id": .stringConvertible(delivery.id), "channel": .string(message.channel.rawValue),
            "recipient": .string(message.recipient), "subject": .string(message.subject),
            "reference": .string(message.reference), "body": .string(message.body),
        ])
    }
}
