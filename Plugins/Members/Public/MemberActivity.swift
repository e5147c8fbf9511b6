import PluginAPI
import SQLKit

/// A member's activity on the agency's dating website, as Members stores it (`POST /api/members/{uid}/activity`).
///
/// Amounts: `login_reward` and `coin_change` are coins (a negative `coin_change` is spending), `payment` is money in fen.
/// Callers pass a member they loaded through `MemberDirectory.load`, so visibility is already decided.
public enum MemberActivity {
    /// Totals of one member's activity.
    public struct Summary: Sendable, Equatable {
        public var coinBalance: Int64 = 0
        /// Money paid on the site, in fen.
        public var totalPaid: Int64 = 0
        public var messagesSent = 0
        public var messagesReceived = 0
        public var postsPublished = 0
        public var profilesViewed = 0
    }

    /// One consumption record: a payment (fen) or coins spent.
    public struct Record: Sendable, Equatable, Decodable {
        public var id: Int64
        public var kind: String
        public var amount: Int64
        public var detail: String
        public var at: Int64
    }

    /// The opposite-sex profiles a member viewed, counted by education, income band, age band and marital status codes.
    public struct Browsing: Sendable, Equatable {
        public var total = 0
        public var education: [String: Int] = [:]
        public var income: [String: Int] = [:]
        /// Age band label ("<25", "25-29", "30-34", "35-39", "40-49", "50+") → count.
        public var ageBand: [String: Int] = [:]
        public var marital: [String: Int] = [:]
        /// The bands in display order.
        public static let ageBands = ["<25", "25-29", "30-34", "35-39", "40-49", "50+"]
    }

    /// Totals in one grouped query.
    public static func summary(_ req: ModuleRequest, member: MemberRecord) async throws -> Summary {
        struct Row: Decodable { let kind: String; let n: Int; let total: Int64? }
        let rows = try await req.db.select().column("kind").column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n")
            // PostgreSQL sums a bigint as numeric: cast back so both databases answer a 64-bit integer.
            .column(SQLRaw("CAST(SUM(amount) AS BIGINT)"), as: "total")
            .from("members_activity").where("member_id", .equal, member.id).groupBy("kind").all(decoding: Row.self)
        var summary = Summary()
        for row in rows {
            switch row.kind {
            case "login_reward", "coin_change": summary.coinBalance += row.total ?? 0
            case "payment": summary.totalPaid += row.total ?? 0
            case "message_sent": summary.messagesSent = row.n
            case "message_received": summary.messagesReceived = row.n
            case "post_published": summary.postsPublished = row.n
            case "profile_viewed": summary.profilesViewed = row.n
            default: break
            }
        }
        return summary
    }

    /// Consumption records (payments and coins spent), newest first, one page, with the total count.
    public static func consumption(_ req: ModuleRequest, member: MemberRecord, limit: Int, offset: Int) async throws -> (records: [Record], total: Int) {
        func scoped(_ query: SQLSelectBuilder) -> SQLSelectBuilder {
            query.from("members_activity").where("member_id", .equal, member.id).where { group in
                group.where("kind", .equal, "payment").orWhere { spent in
                    spent.where("kind", .equal, "coin_change").where("amount", .lessThan, 0)
                }
            }
        }
        let total = try await scoped(req.db.select().column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n"))
            .first(decodingColumn: "n", as: Int.self) ?? 0
        let records = try await scoped(req.db.select().columns("id", "kind", "amount", "detail", "at"))
            .orderBy("at", .descending).orderBy("id", .descending).limit(limit).offset(offset).all(decoding: Record.self)
        return (records, total)
    }

    /// The opposite-sex profiles `member` viewed (each view counted), by the viewed member's attributes.
    public static func browsing(_ req: ModuleRequest, member: MemberRecord, today: String) async throws -> Browsing {
        struct Row: Decodable { let education: String; let income_band: String; let birthday: String; let marital_status: String }
        let rows = try await req.db.select()
            .column(SQLColumn("education", table: "v")).column(SQLColumn("income_band", table: "v"))
            .column(SQLColumn("birthday", table: "v")).column(SQLColumn("marital_status", table: "v"))
            .from(SQLAlias(SQLIdentifier("members_activity"), as: SQLIdentifier("a")))
            .join(SQLAlias(SQLIdentifier("members_member"), as: SQLIdentifier("v")), method: SQLJoinMethod.inner,
                  on: SQLColumn("id", table: "v"), .equal, SQLColumn("target_id", table: "a"))
            .where(SQLColumn("member_id", table: "a"), .equal, SQLBind(member.id))
            .where(SQLColumn("kind", table: "a"), .equal, SQLBind("profile_viewed"))
            .where(SQLColumn("gender", table: "v"), .notEqual, SQLBind(member.gender))
            .all(decoding: Row.self)
        var result = Browsing()
        for row in rows {
            result.total += 1
            result.education[row.education, default: 0] += 1
            result.income[row.income_band, default: 0] += 1
            result.marital[row.marital_status, default: 0] += 1
            result.ageBand[band(MemberFormat.age(birthday: row.birthday, today: today)), default: 0] += 1
        }
        return result
    }

    static func band(_ age: Int?) -> String {
        guard let age else { return "" }
        switch age {
        case ..<25: return "<25"
        case 25...29: return "25-29"
        case 30...34: return "30-34"
        case 35...39: return "35-39"
        case 40...49: return "40-49"
        default: return "50+"
        }
    }
}
