import Members
import PluginAPI
import SQLKit

/// The member's latest after-sale follow-up, kept by the note component in the note's transaction.
enum AfterSaleContact {
    /// The shared follow-up note component over `aftersale_note`.
    static let notes = FollowUpNotes(table: "aftersale_note") { tx, memberID, latest in
        try await record(tx, memberID: memberID, latest: latest)
    }

    static func record(_ tx: Transaction, memberID: Int64, latest: FollowUpNotes.Latest) async throws {
        guard let latest else {
            try await tx.db.delete(from: "aftersale_contact").where("member_id", .equal, memberID).run()
            return
        }
        try await tx.db.insert(into: "aftersale_contact").columns("member_id", "last_contact_at", "next_contact_at")
            .values(SQLBind(memberID), SQLBind(latest.contactAt), SQLBind(latest.nextContactAt))
            .onConflict(with: ["member_id"]) { $0.set(excludedValueOf: "last_contact_at").set(excludedValueOf: "next_contact_at") }
            .run()
    }

    /// Members with an after-sale follow-up (true) or without one (false).
    static func followedUp(_ db: any SQLDatabase, _ yes: Bool) -> MemberFilter {
        let ids = db.select().column("member_id").from("aftersale_contact").select
        return yes ? .idIn(ids) : .idNotIn(ids)
    }

    /// Members whose next after-sale contact is due before `epoch`.
    static func dueBefore(_ db: any SQLDatabase, _ epoch: Int64) -> MemberFilter {
        .idIn(db.select().column("member_id").from("aftersale_contact").where("next_contact_at", .lessThan, epoch).select)
    }
}
