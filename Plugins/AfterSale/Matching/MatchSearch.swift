import Members
import PluginAPI
import SQLKit

/// One matching run for a member: candidates from a pool, filtered by the search conditions (or by the candidates'
/// criteria accepting the member), each with both match degrees and the criteria left unmet, sorted in the database.
///
/// Excluded always: the member, the same gender, profiles awaiting or refused review, the blacklist, and members whose
/// customer status is closed or paused.
struct MatchSearch: Sendable {
    enum Pool: String, Sendable, CaseIterable { case all, mine, signed }
    enum Mode: String, Sendable, CaseIterable { case conditions, theirs }
    enum Sort: String, Sendable, CaseIterable { case score, mine, theirs, newest, youngest }

    struct Result: Sendable {
        var candidate: MemberRecord
        /// How much of the member's criteria the candidate meets (符合我的), 0–100.
        var mine: Int
        /// How much of the candidate's criteria the member meets (符合TA的), 0–100.
        var theirs: Int
        var unmetMine: [String]
        var unmetTheirs: [String]
    }

    let me: MemberRecord
    let conditions: MatchCriteria
    var pool: Pool = .all
    var mode: Mode = .conditions
    var sort: Sort = .score
    let rules: MatchRules
    /// Just this candidate (to store one result's degrees): the exclusions apply, the pool and the mode do not.
    var only: Int64? = nil

    static let excludedStatuses = ["closed", "paused"]
    static let unapprovedAvatars = ["pending", "rejected"]

    /// The WHERE conditions: exclusions, pool, and the mode's filter.
    func predicate(_ req: ModuleRequest) -> [any SQLExpression] {
        var parts: [any SQLExpression] = [
            MatchSQL.compare("id", .notEqual, me.id),
            MatchSQL.compare("gender", .equal, me.gender == "female" ? "male" : "female"),
            MatchSQL.compare("blacklisted", .equal, 0),
            SQLBinaryExpression(SQLColumn("customer_status"), .notIn, SQLGroupExpression(Self.excludedStatuses.map { SQLBind($0) as any SQLExpression })),
            SQLBinaryExpression(SQLColumn("avatar_status"), .notIn, SQLGroupExpression(Self.unapprovedAvatars.map { SQLBind($0) as any SQLExpression })),
        ]
        if let only { return parts + [MatchSQL.compare("id", .equal, only)] }
        switch pool {
        case .all: break
        case .mine: parts.append(MemberDirectory.visibility(req, scope: .anyOwner))
        case .signed: parts.append(MatchSQL.compare("signed", .equal, 1))
        }
        switch mode {
        case .conditions: parts += rules.meets(conditions).map(\.condition)
        case .theirs:
            parts += rules.accepts(me).map { rule in
                MatchSQL.or([MatchSQL.Not(condition: rule.applicable), rule.met]) as any SQLExpression
            }
        }
        return parts
    }

    /// One page of results and the (capped) number of candidates.
    func run(_ req: ModuleRequest, page: Int, pageSize: Int) async throws -> (results: [Result], total: Int, capped: Bool) {
        var list = ListQuery(table: "members_member")
        for part in predicate(req) { list.filter(part) }
        let (total, capped) = try await list.count(req.db)
        guard total > 0 else { return ([], 0, false) }

        let mine = rules.meets(MatchCriteria.stored(of: me))
        let theirs = rules.accepts(me)
        var columns: [any SQLExpression] = [SQLColumn("id"), SQLColumn("birthday")]
        for (i, rule) in mine.enumerated() { columns.append(SQLAlias(MatchSQL.Flag(condition: rule.condition), as: SQLIdentifier("m\(i)"))) }
        var applicable: [any SQLExpression] = [], met: [any SQLExpression] = []
        for (i, rule) in theirs.enumerated() {
            let a = MatchSQL.Flag(condition: rule.applicable), m = MatchSQL.Flag(condition: MatchSQL.and([rule.applicable, rule.met]))
            applicable.append(a); met.append(m)
            columns.append(SQLAlias(a, as: SQLIdentifier("a\(i)")))
            columns.append(SQLAlias(m, as: SQLIdentifier("t\(i)")))
        }
        let minePct: any SQLExpression = mine.isEmpty ? SQLRaw("100")
            : SQLList([MatchSQL.sum(mine.map { MatchSQL.Flag(condition: $0.condition) }), SQLRaw(" * 100 / \(mine.count)")], separator: SQLRaw(""))
        let apps = MatchSQL.sum(applicable), mets = MatchSQL.sum(met)
        let theirsPct = SQLList([SQLRaw("(CASE WHEN "), apps, SQLRaw(" = 0 THEN 100 ELSE "), mets, SQLRaw(" * 100 / "), apps, SQLRaw(" END)")],
                                separator: SQLRaw(""))
        columns.append(SQLAlias(SQLGroupExpression(minePct), as: SQLIdentifier("mine_pct")))
        columns.append(SQLAlias(theirsPct, as: SQLIdentifier("theirs_pct")))
        let inner = req.db.select().columns(columns).from("members_member").where(list.predicate)

        let outer = req.db.select().column(SQLLiteral.all)
            .column(SQLAlias(SQLRaw("(mine_pct + theirs_pct)"), as: SQLIdentifier("score")))
            .from(SQLAlias(SQLGroupExpression(inner.select), as: SQLIdentifier("s")))
        switch sort {
        case .score: outer.orderBy("score", .descending)
        case .mine: outer.orderBy("mine_pct", .descending)
        case .theirs: outer.orderBy("theirs_pct", .descending)
        case .newest: break
        case .youngest: outer.orderBy("birthday", .descending)
        }
        let rows = try await outer.orderBy("id", .descending).limit(pageSize).offset(max(0, page - 1) * pageSize).all()

        let records = try await MemberDirectory.records(ids: try rows.map { try $0.decode(column: "id", as: Int64.self) }, db: req.db)
        return (try rows.compactMap { row in
            guard let candidate = records[try row.decode(column: "id", as: Int64.self)] else { return nil }
            var unmetMine: [String] = [], unmetTheirs: [String] = []
            for (i, rule) in mine.enumerated() where try row.decode(column: "m\(i)", as: Int.self) == 0 { unmetMine.append(rule.key) }
            for (i, rule) in theirs.enumerated() where try row.decode(column: "a\(i)", as: Int.self) == 1 {
                if try row.decode(column: "t\(i)", as: Int.self) == 0 { unmetTheirs.append(rule.key) }
            }
            return Result(candidate: candidate, mine: try row.decode(column: "mine_pct", as: Int.self),
                          theirs: try row.decode(column: "theirs_pct", as: Int.self), unmetMine: unmetMine, unmetTheirs: unmetTheirs)
        }, total, capped)
    }
}
