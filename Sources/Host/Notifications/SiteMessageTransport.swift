import SQLKit

/// Delivers internal messages to the member site's inbox, `core_site_message`.
///
/// The row carries the outbox id, which is unique: delivering the same outbox row again (after a stop between the insert
/// and `markSent`) inserts nothing, so each internal message lands exactly once.
struct SiteMessageTransport: OutboxTransport {
    let database: Database

    func send(_ delivery: OutboxDelivery) async throws {
        let message = delivery.message
        try await database.sql.insert(into: "core_site_message")
            .columns("outbox_id", "recipient", "subject", "body", "module", "reference", "created_at")
            .values(SQLBind(delivery.id), SQLBind(message.recipient), SQLBind(message.subject), SQLBind(message.body),
                    SQLBind(message.module), SQLBind(message.reference), SQLBind(Clock.now()))
            .ignoringConflicts(with: ["outbox_id"])
            .run()
    }
}
