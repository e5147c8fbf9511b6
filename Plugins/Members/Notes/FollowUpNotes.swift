import PluginAPI
import SQLKit

/// The follow-up note component (跟进小计) shared by the workbenches of PreSale and AfterSale.
///
/// Each module keeps its notes in a table of its own (created with `createTable`), mounts the note routes with
/// `register(_:)` under its own `note` permission, shows the timeline with `timeline(_:member:presenter:)` on its member
/// overview (`<base>/<member id>`) and merges `messages` into its catalogue. A note is owned by its author: the kernel
/// decides edit and delete on the module's `note` resource.
///
/// ```swift
/// let notes = FollowUpNotes(table: "aftersale_note") { tx, memberID, latest in
///     try await AfterSaleContact.record(tx, memberID: memberID, latest: latest)
/// }
/// try notes.register(&routes)                                  // in routes(_:)
/// body += try await notes.timeline(req, member: member, presenter: presenter)
/// ```
public struct FollowUpNotes: Sendable {
    /// The latest note of a member after a change: its contact time and next contact time, nil when no note is left.
    public typealias Latest = (contactAt: Int64, nextContactAt: Int64?)?

    /// The module's note table, e.g. `presale_note`.
    public let table: String
    /// Runs in the transaction of every create, update and delete with the member's latest remaining note.
    public let changed: @Sendable (Transaction, Int64, Latest) async throws -> Void

    /// - Parameters:
    ///   - table: the module's own note table (created with `createTable(_:name:)`).
    ///   - changed: what the module keeps in step with the member's latest note (e.g. last and next contact times).
    public init(table: String, changed: @escaping @Sendable (Transaction, Int64, Latest) async throws -> Void) {
        self.table = table
        self.changed = changed
    }

    /// Creates a note table named `name` with its indexes (call it from one of the module's migrations).
    public static func createTable(_ db: any SQLDatabase, name: String, stage: String) async throws {
        try await db.create(table: name)
            .column("id", type: .bigint, .primaryKey(autoIncrement: true))
            .column("member_id", type: .bigint, .notNull, .references("members_member", "id", onDelete: .cascade))
            .column("author_id", type: .bigint, .notNull)
            .column("stage", type: .text, .notNull, .default(stage))
            .column("effective", type: .int, .notNull)
            .column("intention", type: .text, .notNull, .default(""))
            .column("sign_status", type: .text, .notNull)
            .column("unsigned_reason", type: .text, .notNull, .default(""))
            .column("contact_at", type: .bigint, .notNull)
            .column("next_contact_at", type: .bigint)
            .column("remark", type: .text, .notNull)
            // ",tag1,tag2," so one tag is found with LIKE '%,tag,%'.
            .column("tags", type: .text, .notNull, .default(""))
            .column("created_at", type: .bigint, .notNull)
            .column("updated_at", type: .bigint, .notNull)
            .run()
        try await db.create(index: "\(name)_member_idx").on(name).column("member_id").column("contact_at").run()
        try await db.create(index: "\(name)_author_idx").on(name).column("author_id").column("contact_at").run()
    }

    /// The follow-up tab of a member overview: search, the new-note form and the timeline of the notes the user may see.
    public func timeline(_ req: ModuleRequest, member: MemberRecord, presenter: MemberPresenter) async throws -> HTML {
        try await NoteTimeline(notes: self, req: req, member: member, presenter: presenter).render()
    }

    /// The member's latest note in `tx`.
    func latest(_ tx: Transaction, memberID: Int64) async throws -> Latest {
        struct Row: Decodable { let contact_at: Int64; let next_contact_at: Int64? }
        let row = try await tx.db.select().columns("contact_at", "next_contact_at").from(table).where("member_id", .equal, memberID)
            .orderBy("contact_at", .descending).orderBy("id", .descending).limit(1).first(decoding: Row.self)
        return row.map { ($0.contact_at, $0.next_contact_at) }
    }
}
