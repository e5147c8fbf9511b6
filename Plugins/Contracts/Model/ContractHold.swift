import PluginAPI
import SQLKit

/// Contracts hold their member: a member with contracts (and so, through Finance, payments) cannot be deleted.
/// Subscribed to Members' `member.deleting`, in the delete's transaction.
enum ContractHold {
    static func memberDeleting(_ event: Event, _ tx: Transaction) async throws {
        guard let id = event.payload["member_id"].flatMap(Int64.init) else { return }
        let n = try await tx.db.select().column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n").from("contracts_contract")
            .where("member_id", .equal, id).first(decodingColumn: "n", as: Int.self) ?? 0
        guard n > 0 else { return }
        let message = LocalizedText(zh: "该会员有 \(n) 份合同，不能删除。请先处理合同（及其收款）。",
                                    en: n == 1 ? "This member has a contract and cannot be deleted. Deal with the contract (and its payments) first."
                                               : "This member has \(n) contracts and cannot be deleted. Deal with the contracts (and their payments) first.")
        throw ModuleError.conflict(message(event.payload["language"] ?? "zh"))
    }
}
