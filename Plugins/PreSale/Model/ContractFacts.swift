import Foundation
import Members
import PluginAPI
import SQLKit

/// Effective contracts as `contract.effective` announces them, kept for the workbench's reminders and numbers.
///
/// Payload: `contract_id`, `member_id`, `kind` (`first` | `renewal`), `number`, `starts_on` and `ends_on` (`yyyy-MM-dd`),
/// `author_id`, `amount` (fen), `effective_at` (epoch seconds; now when absent). The Contracts module owns contracts; PreSale only remembers what became effective.
enum ContractFacts {
    static func record(_ event: Event, _ tx: Transaction) async throws {
        let p = event.payload
        guard let contractID = p["contract_id"].flatMap(Int64.init), let memberID = p["member_id"].flatMap(Int64.init) else { return }
        let now = p["effective_at"].flatMap(Int64.init) ?? Int64(Date().timeIntervalSince1970)
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
    /// Walks the contracts ending in the range (index on `ends_on`) and keeps those with no later one of the same member.
    static func endingBetween(_ db: any SQLDatabase, from: String?, to: String) -> MemberFilter {
        let query = db.select().column(SQLColumn("member_id", table: "p")).from(SQLAlias(SQLIdentifier("presale_contract"), as: SQLIdentifier("p")))
            .where(SQLColumn("ends_on", table: "p"), .lessThanOrEqual, SQLBind(to))
            .where(SQLColumn("ends_on", table: "p"), .greaterThanOrEqual, SQLBind(from ?? "0000-00-00"))
            .where(SQLColumn("ends_on", table: "p"), .notEqual, SQLBind(""))
            .where(SQLRaw("NOT EXISTS (SELECT 1 FROM presale_contract later WHERE later.member_id = p.member_id AND later.ends_on > p.ends_on)"))
        return .idIn(query.select)
    }

    /// Members with a contract that became effective since `epoch` (of `kind` when given).
    static func effectiveSince(_ db: any SQLDatabase, _ epoch: Int64, kind: String?) -> MemberFilter {
        let query = db.select().column("member_id").from("presale_contract").where("effective_at", .greaterThanOrEqual, epoch)
        if let kind { query.where("kind", .equal, kind) }
        return .idIn(query.select)
    }

    /// How many contracts `author` entered that became effective since `epoch` (of `kind` when given).
    static func authoredSince(_ db: any SQLDatabase, author: Int64, _ epoch: Int64, kind: String?) async throws -> Int {
        let query = db.select().column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n").from("presale_contract")
            .where("author_id", .equal, author).where("effective_at", .greaterThanOrEqual, epoch)
        if let kind { query.where("kind", .equal, kind) }
        return try await query.first(decodingColumn: "n", as: Int.self) ?? 0
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
