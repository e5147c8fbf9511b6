import SQLKit

/// Something that happened in a module, e.g. `contract.effective`, with string payload fields.
public struct Event: Sendable, Equatable {
    /// Dotted event name.
    public var name: String
    /// Payload, e.g. `["member_id": "42"]`.
    public var payload: [String: String]

    /// Creates an event.
    public init(_ name: String, _ payload: [String: String] = [:]) {
        self.name = name
        self.payload = payload
    }
}

/// A handler for one event name, run inside the publisher's transaction.
public struct EventSubscription: Sendable {
    /// The event name it listens to.
    public var event: String
    /// The handler: it receives the transaction of the publisher, so cause and effects commit together.
    public var handler: @Sendable (Event, Transaction) async throws -> Void

    /// Creates a subscription.
    public init(_ event: String, handler: @escaping @Sendable (Event, Transaction) async throws -> Void) {
        self.event = event
        self.handler = handler
    }
}

/// An open database transaction handed to module code: its database, event publishing, auditing and the outbox.
public struct Transaction: Sendable {
    /// The connection of the transaction; use it for every statement of the unit of work.
    public let db: any SQLDatabase
    /// Who acts (nil for the system).
    public let actorID: Int64?
    private let publisher: @Sendable (Event, Transaction) async throws -> Void
    private let auditor: @Sendable (AuditEntry, any SQLDatabase) async throws -> Void
    private let enqueuer: (@Sendable (OutboxMessage, any SQLDatabase) async throws -> Int64)?
    private let batchEnqueuer: (@Sendable ([OutboxMessage], any SQLDatabase) async throws -> Void)?

    /// Creates a transaction value (the host does this).
    /// - Parameters:
    ///   - db: The connection of the transaction.
    ///   - actorID: Who acts (nil for the system).
    ///   - publisher: Delivers a published event to its subscribers.
    ///   - auditor: Writes an audit entry.
    ///   - enqueuer: Stores an outbox message and returns its id; without one, ``enqueue(_:)`` throws ``OutboxError/unavailable``.
    ///   - batchEnqueuer: Stores many messages with few statements; without one, ``enqueue(all:)`` stores them one by one.
    public init(db: any SQLDatabase, actorID: Int64?,
                publisher: @escaping @Sendable (Event, Transaction) async throws -> Void,
                auditor: @escaping @Sendable (AuditEntry, any SQLDatabase) async throws -> Void,
                enqueuer: (@Sendable (OutboxMessage, any SQLDatabase) async throws -> Int64)? = nil,
                batchEnqueuer: (@Sendable ([OutboxMessage], any SQLDatabase) async throws -> Void)? = nil) {
        self.db = db
        self.actorID = actorID
        self.publisher = publisher
        self.auditor = auditor
        self.enqueuer = enqueuer
        self.batchEnqueuer = batchEnqueuer
    }

    /// Queues every message of `messages` in the host's outbox, in this transaction, with a few multi-row statements (a
    /// mass send's batch); each is checked as ``enqueue(_:)`` checks one, and none is stored if one is refused.
    public func enqueue(all messages: [OutboxMessage]) async throws {
        guard !messages.isEmpty else { return }
        if let batchEnqueuer { return try await batchEnqueuer(messages, db) }
        for message in messages { _ = try await enqueue(message) }
    }

    /// Publishes an event; subscribers run now, in this transaction. A throwing subscriber rolls everything back.
    public func publish(_ event: Event) async throws {
        try await publisher(event, self)
    }

    /// Appends an entry to the audit log, in this transaction.
    public func audit(_ entry: AuditEntry) async throws {
        try await auditor(entry, db)
    }

    /// Queues `message` in the host's outbox, in this transaction: it is sent only if the transaction commits.
    ///
    /// ```swift
    /// let id = try await tx.enqueue(OutboxMessage(channel: .sms, recipient: "13800138000", subject: "",
    ///                                             body: "明天 10:00 见面", module: "consult", reference: "visit:7"))
    /// ```
    /// - Parameter message: The message.
    /// - Returns: The id of the outbox row.
    /// - Throws: ``OutboxError`` when the message is rejected or the transaction has no outbox; database errors.
    @discardableResult
    public func enqueue(_ message: OutboxMessage) async throws -> Int64 {
        guard let enqueuer else { throw OutboxError.unavailable }
        return try await enqueuer(message, db)
    }
}

/// One append-only audit log entry: who (filled by the host), what, on which target, before and after.
public struct AuditEntry: Sendable, Equatable {
    /// Module id, or `core`.
    public var module: String
    /// Action, e.g. `role.update`, `grant.change`, `member.allocate`.
    public var action: String
    /// Target description, e.g. `role:12`.
    public var target: String
    /// State before (JSON or text), if any.
    public var before: String?
    /// State after (JSON or text), if any.
    public var after: String?

    /// Creates an entry.
    public init(module: String, action: String, target: String, before: String? = nil, after: String? = nil) {
        self.module = module
        self.action = action
        self.target = target
        self.before = before
        self.after = after
    }
}
