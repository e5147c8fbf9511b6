import Kernel
import PluginAPI
import SQLKit

/// Contracts' public API for the modules that depend on it (Finance, AfterSale): loading contracts under the kernel,
/// the visibility predicate, and a member's effective contracts. Contracts are owned by their author.
public enum ContractDirectory {
    static func viewed(_ req: ModuleRequest) -> ModuleRequest { req.moduleID == "contracts" ? req : req.asModule("contracts") }

    /// Loads contract `id`: 404 when the user cannot see it, 403 when `action` is not granted on it.
    public static func load(_ req: ModuleRequest, id: Int64, action: String = "view") async throws -> ContractRecord {
        guard let contract = try await ContractRecord.find(id, db: req.db) else { throw ModuleError.notFound }
        try viewed(req).access.require("contract", action, owner: contract.author_id)
        return contract
    }

    /// Whether the user may take `action` on `contract`.
    public static func allows(_ req: ModuleRequest, _ contract: ContractRecord, _ action: String) -> Bool {
        viewed(req).access.decide("contract", action, owner: contract.author_id) == .allowed
    }

    /// The kernel's predicate over `contracts_contract` (alias `table`): contracts whose author the user may see.
    public static func visibility(_ req: ModuleRequest, table: String? = nil) -> any SQLExpression {
        viewed(req).access.ownerPredicate("contract", column: "author_id", table: table)
    }

    /// A member's effective contracts, latest end first (no kernel check: for facts such as "has an effective contract").
    public static func effective(memberID: Int64, db: any SQLDatabase) async throws -> [ContractRecord] {
        try await db.select().columns(ContractRecord.columns.map { SQLColumn($0) }).from("contracts_contract")
            .where("member_id", .equal, memberID).where("status", .equal, ContractStatus.effective.rawValue)
            .orderBy("ends_on", .descending).all(decoding: ContractRecord.self)
    }

    /// Contracts in id order after `afterID`, `limit` at a time, in any state (no kernel check: for demo data and tools
    /// that walk every contract).
    public static func batch(after afterID: Int64, limit: Int, db: any SQLDatabase) async throws -> [ContractRecord] {
        try await db.select().columns(ContractRecord.columns.map { SQLColumn($0) }).from("contracts_contract")
            .where("id", .greaterThan, afterID).orderBy("id").limit(limit).all(decoding: ContractRecord.self)
    }

    /// Label of a contract status in the user's language.
    public static func statusLabel(_ req: ModuleRequest, _ status: String) -> String { viewed(req).t("status.\(status)") }
}
