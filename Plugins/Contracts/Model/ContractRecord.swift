import PluginAPI
import SQLKit

/// Where a contract is in its flow.
public enum ContractStatus: String, Sendable, CaseIterable, Codable {
    case draft, submitted
    case paymentPending = "payment_pending"
    case financeApproved = "finance_approved"
    case effective, rejected
}

/// One contract (合同), owned by its author.
public struct ContractRecord: Sendable, Equatable, Decodable {
    public var id: Int64
    public var number: String
    public var member_id: Int64
    public var author_id: Int64
    /// `first` or `renewal`.
    public var kind: String
    public var status: String
    /// Total amount in fen.
    public var total_amount: Int64
    public var service_days: Int
    public var signed_on: String
    public var starts_on: String
    public var ends_on: String
    public var min_meetings: Int
    public var service_content: String
    public var remark: String
    /// The first payment entered with the contract, in fen (0: none).
    public var first_payment_amount: Int64
    public var first_payment_on: String
    /// `full`, `deposit` or `balance` ("" without a first payment).
    public var first_payment_kind: String
    public var created_at: Int64
    public var updated_at: Int64
    public var effective_at: Int64?

    /// The typed status.
    public var state: ContractStatus { ContractStatus(rawValue: status) ?? .draft }

    static let columns = ["id", "number", "member_id", "author_id", "kind", "status", "total_amount", "service_days", "signed_on", "starts_on",
                          "ends_on", "min_meetings", "service_content", "remark", "first_payment_amount", "first_payment_on",
                          "first_payment_kind", "created_at", "updated_at", "effective_at"]

    /// Loads one contract.
    public static func find(_ id: Int64, db: any SQLDatabase) async throws -> ContractRecord? {
        try await db.select().columns(columns.map { SQLColumn($0) }).from("contracts_contract").where("id", .equal, id)
            .first(decoding: ContractRecord.self)
    }
}

/// One recorded step of a contract's flow (流程信息).
public struct ContractTransition: Sendable, Equatable, Decodable {
    public var id: Int64
    public var action: String
    public var from_status: String
    public var to_status: String
    public var actor_id: Int64?
    public var at: Int64
    public var remark: String
}
