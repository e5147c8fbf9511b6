import PluginAPI
import SQLKit

/// One follow-up note (跟进小计) on a member, owned by its author.
public struct FollowUpNote: Sendable, Decodable, Equatable {
    public var id: Int64
    public var member_id: Int64
    public var author_id: Int64
    public var stage: String
    public var effective: Int
    public var intention: String
    public var sign_status: String
    public var unsigned_reason: String
    public var contact_at: Int64
    public var next_contact_at: Int64?
    public var remark: String
    public var tags: String
    public var created_at: Int64
    public var updated_at: Int64

    static let columns = ["id", "member_id", "author_id", "stage", "effective", "intention", "sign_status", "unsigned_reason", "contact_at",
                          "next_contact_at", "remark", "tags", "created_at", "updated_at"]

    /// The tags as a list.
    public var tagList: [String] { tags.split(separator: ",").map(String.init) }

    static let intentions = ["strong", "medium", "weak", "none"]
    static let signStatuses = ["unsigned", "considering", "signed"]

    static func find(_ id: Int64, table: String, db: any SQLDatabase) async throws -> FollowUpNote? {
        try await db.select().columns(columns.map { SQLColumn($0) }).from(table).where("id", .equal, id).first(decoding: FollowUpNote.self)
    }

    /// Splits tags on either comma (ASCII or full-width) and the ideographic comma, trims, drops empties and repeats (first kept),
    /// and stores them as ",a,b," so one tag is matched with `LIKE '%,tag,%'`.
    public static func normalizeTags(_ text: String) -> String {
        var seen = Set<String>()
        let tags = text.split(whereSeparator: { $0 == "," || $0 == "，" || $0 == "、" })
            .map { $0.trimmingCharacters(in: .whitespacesAndNewlines).replacingOccurrences(of: "%", with: "").replacingOccurrences(of: "_", with: "") }
            .filter { !$0.isEmpty && seen.insert($0.lowercased()).inserted }
        return tags.isEmpty ? "" : "," + tags.joined(separator: ",") + ","
    }
}
