import Foundation
import Members
import PluginAPI
import SQLKit

/// Effective contracts as `contract.effective` announces them, kept for the workbench's reminders and numbers.
///
/// Payload: `contract_id`, `member_id`, `kind` (`first` | `renewal`), `number`, `starts_on` and `ends_on` (`yyyy-MM-dd`),
/// `author_id`, `amount` (fen). The Contracts module owns contracts; PreSale only remembers what became effective.
enum ContractFacts {
    static func record(_ event: Event, _ tx: Transaction) async throws {
        let p = event.payload
        guard let contractID = p["contract_id"].flatMap(Int64.init), let memberID = p["member_id"].flatMap(Int64.init) else { return }
        let now = Int64(Date().timeIntervalSince1970)
        try await tx.db.insert(into: "presale_contract")
            .columns("contract_id", "member_id", "kind", "number", "starts_on", "ends_on", "effective_at", "author_id", "amount")
            .values(SQLBind(contractID), SQLBind(memberID), SQLBind(p["kind"] == "renewal" ? "renewal" : "first"), SQLBind(p["number"] ?? ""),
                    SQLBind(p["starts_on"] ?? ""), SQLBind(p["ends_on"] ?? ""), SQLBind(now), SQLBind(p["author_id"].flatMap(Int64.init)),
                    SQLBind(p["amount"].flatMap(Int64.init) ?? 0))
            .onConflict(with: ["contract_id"]) { row in
                row.set(excludedValueOf: "kind").set(excludedValueOf: "number").set(excludedValueOf: "starts_on").set(excludedValueOf: "ends_on")
                    .set(excludedValueOf: "amount")
            }
            .run()
    }

    /// Members whose latest contract ends between `from` and `to` (inclusive, `yyyy-MM-dd`): expiring and not renewed.
    static func endingBetween(_ db: any SQLDatabase, from: String?, to: String) -> MemberFilter {
        let latest = SQLFunction("MAX", args: SQLColumn("ends_on"))
        let query = db.select().column("member_id").from("presale_contract").where("ends_on", .notEqual, "").groupBy("member_id")
            .having(latest, .lessThanOrEqual, SQLBind(to))
        if let from { query.having(latest, .greaterThanOrEqual, SQLBind(from)) }
        return .idIn(query.select)
    }

    /// Members with a contract that became effective since `epoch` (of `kind` when given).
    static func effectiveSince(_ db: any SQLDatabase, _ epoch: Int64, kind: String?) -> MemberFilter {
        let query = db.select().column("member_id").from("presale_contract").where("effective_at", .greaterThanOrEqual, epoch)
        if let kind { query.where("kind", .equal, kind) }
        return .idIn(query.select)
    }

    struct Row: Decodable, Sendable {
        let contract_id: Int64
        let kind: String
        let number: String
        let starts_on: String
        let ends_on: String
        let amount: Int64
        let effective_at: Int64
    }

    /// A member's effective contracts, newest first.
    static func of(member: Int64, db: any SQLDatabase) async throws -> [Row] {
        try await db.select().columns("contract_id", "kind", "number", "starts_on", "ends_on", "amount", "effective_at").from("presale_contract")
            .where("member_id", .equal, member).orderBy("effective_at", .descending).all(decoding: Row.self)
    }
}
