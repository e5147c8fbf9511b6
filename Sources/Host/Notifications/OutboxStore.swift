import Foundation
import PluginAPI
import SQLKit

/// Every change of `core_outbox`: queueing, claiming a due batch, and recording the outcome of a send.
///
/// A worker *claims* rows before sending them: in one transaction it moves due rows to `sending`, sets a lease
/// (`lease_until`) and counts the attempt. A row whose lease ran out while `sending` belonged to a worker that stopped
/// mid-send; the next claim takes it again, so nothing is lost. Outcomes are written only while the claim still
/// holds (`status = 'sending'` and the same `lease_until`), so a worker that lost its claim changes nothing.
struct OutboxStore: Sendable {
    let database: Database

    static let columns = ["id", "channel", "recipient", "subject", "body", "module", "reference", "attempts", "lease_until", "created_at"]
    /// The longest error text kept in `last_error`.
    static let errorLimit = 1000

    // MARK: - Queueing

    static let insertColumns = ["channel", "recipient", "subject", "body", "module", "reference", "status", "attempts", "next_attempt_at",
                                "last_error", "created_at", "created_by"]

    /// Inserts `message` as `pending`, due now, on `db` (the caller's transaction). Returns the new id.
    static func enqueue(_ message: OutboxMessage, actorID: Int64?, db: any SQLDatabase, now: Int64) async throws -> Int64 {
        let id = try await db.insert(into: "core_outbox").columns(insertColumns)
            .values(try row(message, actorID: actorID, now: now))
            .returning("id").first(decodingColumn: "id", as: Int64.self)
        guard let id else { throw DatabaseError("core_outbox: the insert returned no id") }
        return id
    }

    /// Inserts every message of `messages` as `enqueue` inserts one, 100 rows a statement, on `db` (the caller's transaction).
    static func enqueue(all messages: [OutboxMessage], actorID: Int64?, db: any SQLDatabase, now: Int64) async throws {
        let rows = try messages.map { try row($0, actorID: actorID, now: now) }
        var start = 0
        while start < rows.count {
            let end = min(rows.count, start + 100)
            try await db.insert(into: "core_outbox").columns(insertColumns).rows(Array(rows[start..<end])).run()
            start = end
        }
    }

    /// The checked values of one outbox row: a recipient without surrounding space or line breaks, a module id.
    static func row(_ message: OutboxMessage, actorID: Int64?, now: Int64) throws -> [any SQLExpression] {
        let recipient = message.recipient.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !recipient.isEmpty else { throw OutboxError.invalid("the recipient is empty") }
        guard !recipient.contains(where: { $0.isNewline }) else { throw OutboxError.invalid("the recipient contains a line break") }
        guard !message.module.isEmpty else { throw OutboxError.invalid("the module id is empty") }
        return [SQLBind(message.channel.rawValue), SQLBind(recipient), SQLBind(message.subject), SQLBind(message.body),
                SQLBind(message.module), SQLBind(message.reference), SQLBind(OutboxStatus.pending.rawValue), SQLBind(0),
                SQLBind(now), SQLBind(""), SQLBind(now), SQLBind(actorID)]
    }

    // MARK: - Claiming

    /// `(pending and due) or (sending and its lease ran out)`.
    static func due(_ now: Int64) -> any SQLExpression {
        let pending = SQLBinaryExpression(SQLBinaryExpression(SQLColumn("status"), .equal, SQLBind(OutboxStatus.pending.rawValue)), .and,
                                          SQLBinaryExpression(SQLColumn("next_attempt_at"), .lessThanOrEqual, SQLBind(now)))
        let stale = SQLBinaryExpression(SQLBinaryExpression(SQLColumn("status"), .equal, SQLBind(OutboxStatus.sending.rawValue)), .and,
                                        SQLBinaryExpression(SQLColumn("lease_until"), .lessThan, SQLBind(now)))
        return SQLGroupExpression(SQLBinaryExpression(SQLGroupExpression(pending), .or, SQLGroupExpression(stale)))
    }

    /// Claims up to `limit` due messages of `channels`, oldest due first: status `sending`, `lease_until = now + leaseSeconds`,
    /// one more attempt. One transaction; on PostgreSQL the candidates are locked with `FOR UPDATE SKIP LOCKED`, on SQLite
    /// the transaction holds the write lock (`BEGIN IMMEDIATE`), and the update repeats the due condition, so two workers
    /// never claim the same row.
    ///
    /// A stale claim that already used its last attempt (a message that stopped the host every time) becomes `failed` instead.
    func claim(now: Int64, limit: Int, leaseSeconds: Int, maxAttempts: Int, channels: [OutboxChannel]) async throws -> [OutboxDelivery] {
        guard !channels.isEmpty, limit > 0 else { return [] }
        let names = channels.map(\.rawValue)
        let isPostgres = database.flavor == .postgres
        return try await database.transaction { db in
            try await db.update("core_outbox")
                .set("status", to: OutboxStatus.failed.rawValue).set("lease_until", to: SQLLiteral.null)
                .set("last_error", to: "the send was interrupted (the host stopped while sending) and no attempt is left")
                .where("status", .equal, OutboxStatus.sending.rawValue).where("lease_until", .lessThan, now)
                .where("attempts", .greaterThanOrEqual, maxAttempts)
                .run()
            let candidates = db.select().column("id").from("core_outbox")
                .where(Self.due(now)).where("channel", .in, names)
                .orderBy("next_attempt_at").orderBy("id").limit(limit)
            if isPostgres { candidates.lockingClause(SQLRaw("FOR UPDATE SKIP LOCKED")) }
            let ids = try await candidates.all(decodingColumn: "id", as: Int64.self)
            guard !ids.isEmpty else { return [] }
            let rows = try await db.update("core_outbox")
                .set("status", to: OutboxStatus.sending.rawValue).set("lease_until", to: now + Int64(leaseSeconds))
                .set(SQLIdentifier("attempts"), to: SQLRaw("attempts + 1"))
                .where("id", .in, ids).where(Self.due(now))
                .returning(Self.columns.map { SQLColumn($0) as any SQLExpression })
                .all(decoding: OutboxDelivery.Row.self)
            return rows.compactMap(OutboxDelivery.init).sorted { ids.firstIndex(of: $0.id) ?? 0 < ids.firstIndex(of: $1.id) ?? 0 }
        }
    }

    // MARK: - Outcomes

    /// Records a successful send.
    func markSent(_ delivery: OutboxDelivery, now: Int64) async throws {
        try await holding(delivery)
            .set("status", to: OutboxStatus.sent.rawValue).set("sent_at", to: now)
            .set("lease_until", to: SQLLiteral.null).set("last_error", to: "")
            .run()
    }

    /// Records a failed send: back to `pending` after `backoff(attempts:)`, or `failed` when the error is permanent or
    /// no attempt is left. Returns the new status.
    @discardableResult
    func markFailed(_ delivery: OutboxDelivery, error: String, permanent: Bool, now: Int64, maxAttempts: Int) async throws -> OutboxStatus {
        let giveUp = permanent || delivery.attempts >= maxAttempts
        let status: OutboxStatus = giveUp ? .failed : .pending
        try await holding(delivery)
            .set("status", to: status.rawValue).set("lease_until", to: SQLLiteral.null)
            .set("next_attempt_at", to: giveUp ? now : now + Self.backoff(attempts: delivery.attempts))
            .set("last_error", to: String(error.prefix(Self.errorLimit)))
            .run()
        return status
    }

    /// Gives a claimed message back untouched (the worker is stopping before it got to it): `pending`, due now,
    /// and the attempt not counted.
    func release(_ delivery: OutboxDelivery) async throws {
        try await holding(delivery)
            .set("status", to: OutboxStatus.pending.rawValue).set("lease_until", to: SQLLiteral.null)
            .set(SQLIdentifier("attempts"), to: SQLRaw("attempts - 1"))
            .run()
    }

    /// An update of `delivery`'s row that applies only while this worker's claim holds.
    private func holding(_ delivery: OutboxDelivery) -> SQLUpdateBuilder {
        database.sql.update("core_outbox")
            .where("id", .equal, delivery.id)
            .where("status", .equal, OutboxStatus.sending.rawValue)
            .where("lease_until", .equal, delivery.leaseUntil)
    }

    /// Seconds to wait after failed attempt number `attempts`: 30 s, 60 s, 120 s … at most an hour.
    static func backoff(attempts: Int) -> Int64 {
        let exponent = min(max(attempts, 1) - 1, 20)
        return min(30 * (Int64(1) << exponent), 3600)
    }

    // MARK: - Staff retry

    /// Makes a `failed` or `pending` message due now with a fresh set of attempts, on `db` (the caller's transaction).
    /// Returns false when the row does not exist or is `sending` / `sent`.
    static func retry(id: Int64, now: Int64, db: any SQLDatabase) async throws -> Bool {
        let changed = try await db.update("core_outbox")
            .set("status", to: OutboxStatus.pending.rawValue).set("attempts", to: 0)
            .set("next_attempt_at", to: now).set("lease_until", to: SQLLiteral.null)
            .where("id", .equal, id)
            .where("status", .in, [OutboxStatus.failed.rawValue, OutboxStatus.pending.rawValue])
            .returning("id").all(decodingColumn: "id", as: Int64.self)
        return !changed.isEmpty
    }
}
