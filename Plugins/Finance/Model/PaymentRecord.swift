import PluginAPI
import SQLKit

/// One payment (款项) of a contract, with its own review state.
struct PaymentRecord: Sendable, Equatable, Decodable {
    var id: Int64
    var number: String
    var contract_id: Int64
    var contract_number: String
    var member_id: Int64
    var owner_id: Int64
    var contract_kind: String
    var amount: Int64
    var kind: String
    var paid_on: String
    var entered_by: Int64?
    var remark: String
    var status: String
    var reviewed_by: Int64?
    var reviewed_at: Int64?
    var review_remark: String
    var created_at: Int64

    static let columns = ["id", "number", "contract_id", "contract_number", "member_id", "owner_id", "contract_kind", "amount", "kind", "paid_on", "entered_by",
                          "remark", "status", "reviewed_by", "reviewed_at", "review_remark", "created_at"]
    static let kinds = ["full", "deposit", "balance"]
    static let statuses = ["pending", "approved", "rejected"]

    static func find(_ id: Int64, db: any SQLDatabase) async throws -> PaymentRecord? {
        try await db.select().columns(columns.map { SQLColumn($0) }).from("finance_payment").where("id", .equal, id).first(decoding: PaymentRecord.self)
    }

    static func of(contract: Int64, db: any SQLDatabase) async throws -> [PaymentRecord] {
        try await db.select().columns(columns.map { SQLColumn($0) }).from("finance_payment").where("contract_id", .equal, contract)
            .orderBy("id").all(decoding: PaymentRecord.self)
    }
}

/// A contract's payment state, derived from its approved payments.
enum PaymentState: String, Sendable {
    case unpaid, partly, fully

    static func of(total: Int64, approved: Int64) -> PaymentState {
        approved <= 0 ? .unpaid : approved < total ? .partly : .fully
    }
}
