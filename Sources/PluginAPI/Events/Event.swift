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

/// An open database transaction handed to module code: its database, event publishing and auditing.
public struct Transaction: Sendable {
    /// The connection of the transaction; use it for every statement of the unit of work.
    public let db: any SQLDatabase
    /// Who acts (nil for the system).
    public let actorID: Int64?
    private let publisher: @Sendable (Event, Transaction) async throws -> Void
    private let auditor: @Sendable (AuditEntry, any SQLDatabase) async throws -> Void

    /// Creates a transaction value (the host does this).
    public init(db: any SQLDatabase, actorID: Int64?,
                publisher: @escaping @Sendable (Event, Transaction) async throws -> Void,
                auditor: @escaping @Sendable (AuditEntry, any SQLDatabase) async throws -> Void) {
        self.db = db
        self.actorID = actorID
        self.publisher = publisher
        self.auditor = auditor
    }

    /// Publishes an event; subscribers run now, in this transaction. A throwing subscriber rolls everything back.
    public func publish(_ event: Event) async throws {
        try await publisher(event, self)
    }

    /// Appends an entry to the audit log, in this transaction.
    public func audit(_ entry: AuditEntry) async throws {
        try await auditor(entry, db)
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
