import PluginAPI
import SQLKit

/// One follow-up note (跟进小计) on a member, owned by its author.
struct FollowUpNote: Sendable, Decodable, Equatable {
    var id: Int64
    var member_id: Int64
    var author_id: Int64
    var stage: String
    var effective: Int
    var intention: String
    var sign_status: String
    var unsigned_reason: String
    var contact_at: Int64
    var next_contact_at: Int64?
    var remark: String
    var tags: String
    var created_at: Int64
    var updated_at: Int64

    static let columns = ["id", "member_id", "author_id", "stage", "effective", "intention", "sign_status", "unsigned_reason", "contact_at",
                          "next_contact_at", "remark", "tags", "created_at", "updated_at"]

    /// The tags as a list.
    var tagList: [String] { tags.split(separator: ",").map(String.init) }

    static let intentions = ["strong", "medium", "weak", "none"]
    static let signStatuses = ["unsigned", "considering", "signed"]

    static func find(_ id: Int64, db: any SQLDatabase) async throws -> FollowUpNote? {
        try await db.select().columns(columns.map { SQLColumn($0) }).from("presale_note").where("id", .equal, id).first(decoding: FollowUpNote.self)
    }

    /// Splits tags on either comma (ASCII or full-width) and the ideographic comma, trims, drops empties and repeats (first kept),
    /// and stores them as ",a,b," so one tag is matched with `LIKE '%,tag,%'`.
    static func normalizeTags(_ text: String) -> String {
        var seen = Set<String>()
        let tags = text.split(whereSeparator: { $0 == "," || $0 == "，" || $0 == "、" })
            .map { $0.trimmingCharacters(in: .whitespacesAndNewlines).replacingOccurrences(of: "%", with: "").replacingOccurrences(of: "_", with: "") }
            .filter { !$0.isEmpty && seen.insert($0.lowercased()).inserted }
        return tags.isEmpty ? "" : "," + tags.joined(separator: ",") + ","
    }
}
