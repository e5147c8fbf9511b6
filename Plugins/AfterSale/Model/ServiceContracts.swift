import Foundation
import Members
import PluginAPI
import SQLKit

/// Effective contracts as `contract.effective` announces them (payload as documented in docs/contracts.md:
/// `contract_id`, `member_id`, `kind`, `number`, `starts_on`, `ends_on`, `min_meetings`, `effective_at`).
/// The Contracts module owns contracts; AfterSale remembers the kind and the minimum number of meetings.
enum ServiceContracts {
    static func record(_ event: Event, _ tx: Transaction) async throws {
        let p = event.payload
        guard let contractID = p["contract_id"].flatMap(Int64.init), let memberID = p["member_id"].flatMap(Int64.init) else { return }
        try await tx.db.insert(into: "aftersale_contract")
            .columns("contract_id", "member_id", "kind", "number", "starts_on", "ends_on", "min_meetings", "effective_at")
            .values(SQLBind(contractID), SQLBind(memberID), SQLBind(p["kind"] == "renewal" ? "renewal" : "first"), SQLBind(p["number"] ?? ""),
                    SQLBind(p["starts_on"] ?? ""), SQLBind(p["ends_on"] ?? ""), SQLBind(p["min_meetings"].flatMap(Int.init) ?? 0),
                    SQLBind(p["effective_at"].flatMap(Int64.init) ?? Int64(Date().timeIntervalSince1970)))
            .onConflict(with: ["contract_id"]) { row in
                row.set(excludedValueOf: "kind").set(excludedValueOf: "number").set(excludedValueOf: "starts_on")
                    .set(excludedValueOf: "ends_on").set(excludedValueOf: "min_meetings")
            }
            .run()
    }

    /// Members whose contracts all ended before `today` (yyyy-MM-dd): expired and not renewed. Asked per visible member
    /// (two probes of the (member_id, ends_on) index), not per contract: most of a large agency's contracts have ended.
    static func expiredBefore(_ db: any SQLDatabase, _ today: String) -> [MemberFilter] {
        func contracts() -> SQLSelectBuilder {
            db.select().column(SQLLiteral.numeric("1")).from(SQLAlias(SQLIdentifier("aftersale_contract"), as: SQLIdentifier("c")))
                .where(SQLColumn("member_id", table: "c"), .equal, SQLColumn("id", table: "members_member"))
        }
        return [.exists(contracts().where(SQLColumn("ends_on", table: "c"), .lessThan, SQLBind(today))
                            .where(SQLColumn("ends_on", table: "c"), .notEqual, SQLBind("")).select),
                .notExists(contracts().where(SQLColumn("ends_on", table: "c"), .greaterThanOrEqual, SQLBind(today)).select)]
    }

    struct Meetings: Sendable, Equatable {
        /// The minimum number of meetings of the member's latest contract (0 when none is known).
        var minimum: Int
        /// Appointments of the member that were completed (or completed and evaluated).
        var completed: Int
    }

    /// The member's contracted minimum number of meetings against the meetings completed.
    static func meetings(of memberID: Int64, db: any SQLDatabase) async throws -> Meetings {
        let minimum = try await db.select().column("min_meetings").from("aftersale_contract").where("member_id", .equal, memberID)
            .orderBy("effective_at", .descending).limit(1).first(decodingColumn: "min_meetings", as: Int.self) ?? 0
        let completed = try await db.select().column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n").from("aftersale_appointment")
            .where { $0.where("member_a", .equal, memberID).orWhere("member_b", .equal, memberID) }
            .where(SQLColumn("status"), .in, SQLGroupExpression([SQLBind("completed"), SQLBind("evaluated")] as [any SQLExpression]))
            .first(decodingColumn: "n", as: Int.self) ?? 0
        return Meetings(minimum: minimum, completed: completed)
    }
}
