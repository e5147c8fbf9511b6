import PluginAPI
import SQLKit

/// One consultation as stored in `consult_consultation`.
struct Consultation: Decodable, Sendable, Equatable {
    let id: Int64
    let contact_name: String
    let mobile: String
    let message: String
    let designated_id: Int64?
    let owner_id: Int64?
    let important: Int
    let status: String
    let result: String
    let processed_at: Int64?
    let processed_by: Int64?
    let member_id: Int64?
    let source_address: String
    let created_at: Int64
    let updated_at: Int64

    static let columns = ["id", "contact_name", "mobile", "message", "designated_id", "owner_id", "important", "status", "result",
                          "processed_at", "processed_by", "member_id", "source_address", "created_at", "updated_at"]

    static let pending = "pending"
    static let processed = "processed"

    var isPending: Bool { status == Self.pending }
    var isImportant: Bool { important == 1 }

    static func find(_ id: Int64, db: any SQLDatabase) async throws -> Consultation? {
        try await db.select().columns(columns.map { SQLColumn($0) }).from("consult_consultation").where("id", .equal, id)
            .first(decoding: Consultation.self)
    }

    /// Several consultations by id (for a batch the caller then judges one by one).
    static func find(ids: [Int64], db: any SQLDatabase) async throws -> [Int64: Consultation] {
        guard !ids.isEmpty else { return [:] }
        let rows = try await db.select().columns(columns.map { SQLColumn($0) }).from("consult_consultation")
            .where(SQLColumn("id"), .in, SQLGroupExpression(ids.map { SQLBind($0) as any SQLExpression })).all(decoding: Consultation.self)
        return Dictionary(rows.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
    }
}
