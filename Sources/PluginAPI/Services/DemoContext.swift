import SQLKit

/// What a module gets when asked for demo data.
public struct DemoContext: Sendable {
    /// The database.
    public let db: any SQLDatabase
    /// Requested size (roughly: number of main records).
    public let size: Int
    /// Staff member ids available as owners.
    public let staffIDs: [Int64]
    /// Reports progress: done of total, with a label.
    public let progress: @Sendable (_ label: String, _ done: Int, _ total: Int) -> Void
    private let runTransaction: @Sendable (@escaping @Sendable (Transaction) async throws -> Void) async throws -> Void

    /// Creates a context (the host does this).
    public init(db: any SQLDatabase, size: Int, staffIDs: [Int64],
                progress: @escaping @Sendable (String, Int, Int) -> Void,
                transaction: @escaping @Sendable (@escaping @Sendable (Transaction) async throws -> Void) async throws -> Void) {
        self.db = db
        self.size = size
        self.staffIDs = staffIDs
        self.progress = progress
        self.runTransaction = transaction
    }

    /// Runs `body` in one transaction (write demo rows in batches through this).
    public func transaction(_ body: @escaping @Sendable (Transaction) async throws -> Void) async throws {
        try await runTransaction(body)
    }
}
