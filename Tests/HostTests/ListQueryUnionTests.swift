import HostTesting
import PluginAPI
import SQLKit
import Testing

/// `ListQuery.alternatives`: a list read as a UNION of one query per alternative gives the rows, count and pages that the
/// same list with the alternatives OR-ed gives — a row matching two alternatives once, every sort and page the same.
@Suite("list queries over alternatives: the union equals the OR")
struct ListQueryUnionTests {
    struct Row: Decodable { let id: Int64 }

    @Test("count and every page, sorted by id or by another column either way, match the OR form; a row owned twice counts once")
    func unionEqualsOr() async throws {
        let t = try await TestHost.make(modules: [])
        try await t.using {
            let db = t.db
            try await db.create(table: "t_listq").column("id", type: .bigint, .primaryKey(autoIncrement: false))
                .column("a", type: .bigint).column("b", type: .bigint).column("k", type: .bigint, .notNull).column("g", type: .text, .notNull).run()
            // 120 rows: owners cycle through a, b and both; k repeats so the id tie-breaker matters.
            for id in 1...120 {
                let a: Int64? = id % 3 == 0 ? nil : Int64(id % 5)
                let b: Int64? = id % 4 == 0 ? Int64(id % 7) : nil
                try await db.insert(into: "t_listq").columns("id", "a", "b", "k", "g")
                    .values(SQLBind(Int64(id)), SQLBind(a), SQLBind(b), SQLBind(Int64(id % 9)), SQLBind(id % 2 == 0 ? "f" : "m")).run()
            }
            func list(union: Bool) -> ListQuery {
                var list = ListQuery(table: "t_listq")
                list.filter("g", .equal, "f")
                let alternatives: [any SQLExpression] = [
                    SQLBinaryExpression(SQLColumn("a"), .in, SQLGroupExpression([SQLBind(Int64(1)), SQLBind(Int64(2))])),
                    SQLBinaryExpression(SQLColumn("b"), .in, SQLGroupExpression([SQLBind(Int64(2)), SQLBind(Int64(4)), SQLBind(Int64(6))])),
                ]
                if union { list.alternatives = alternatives } else {
                    list.filter(SQLGroupExpression(SQLList(alternatives, separator: SQLRaw(" OR "))))
                }
                return list
            }
            let union = list(union: true), or = list(union: false)
            let expected = try await or.count(db)
            #expect(try await union.count(db) == expected)
            #expect(expected.total > 20 && !expected.capped)
            // Some row matches both alternatives, so a UNION ALL would count it twice.
            let both = try await db.select().column("id").from("t_listq").where("g", .equal, "f")
                .where("a", .in, [1, 2]).where("b", .in, [2, 4, 6]).all(decoding: Row.self)
            #expect(!both.isEmpty)
            #expect(try await union.count(db, cap: 5) == (5, true))
            for sort in ["id", "k"] {
                for descending in [true, false] {
                    for offset in stride(from: 0, to: expected.total + 7, by: 7) {
                        func ids(_ l: ListQuery) async throws -> [Int64] {
                            let sub = l.pageIDs(sort: sort, descending: descending, limit: 7, offset: offset)
                            return try await db.select().column("id").from("t_listq").where(SQLColumn("id"), .in, sub)
                                .orderBy(sort, descending ? .descending : .ascending)
                                .orderBy("id", descending ? .descending : .ascending).all(decoding: Row.self).map(\.id)
                        }
                        let fromUnion = try await ids(union), fromOr = try await ids(or)
                        #expect(fromUnion == fromOr, "sort \(sort) \(descending ? "desc" : "asc") offset \(offset)")
                        #expect(fromUnion.count == min(7, max(0, expected.total - offset)))
                    }
                }
            }
        }
    }
}
