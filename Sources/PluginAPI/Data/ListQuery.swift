import SQLKit

/// A filtered list over one table: the conditions of a search form, counted (with a cap) and paged in SQL.
///
/// ```swift
/// var list = ListQuery(table: "notes_note")
/// list.filter(req.access.ownerPredicate("note"))
/// list.search(["title", "body"], contains: req.query["q"])
/// let (total, capped) = try await list.count(req.db)
/// let rows = try await list.fetch(req.db, columns: ["id", "title"], as: Row.self, sort: "id", descending: true, page: page)
/// ```
public struct ListQuery: Sendable {
    /// The table (or join) the list reads.
    public var table: any SQLExpression
    /// Conditions, combined with AND.
    public private(set) var conditions: [any SQLExpression] = []

    /// Alternatives a row must match one of, on top of ``conditions`` (e.g. "owned by a visible matchmaker" or "looked after
    /// by one"). With two or more, ``count(_:cap:)`` and ``pageIDs(sort:descending:limit:offset:)`` read a UNION of one
    /// query per alternative, so each can seek its own index instead of the planner scanning one for an OR.
    public var alternatives: [any SQLExpression] = []

    /// When true, `filter(_:_:_:)` wraps columns (`col || ''`, `col + 0`) so the planner cannot use their indexes and
    /// walks the sort order instead — the fast plan for an unselective filter on a large table, same result.
    public var walkSortOrder = false

    /// A list over `table`.
    public init(table: String) { self.table = SQLIdentifier(table) }

    /// `column`, or its index-proof twin when `walkSortOrder` is set.
    public func column(_ name: String, isText: Bool) -> any SQLExpression {
        guard walkSortOrder else { return SQLColumn(name) }
        return isText ? SQLBinaryExpression(left: SQLColumn(name), op: SQLRaw("||"), right: SQLLiteral.string(""))
                      : SQLBinaryExpression(SQLColumn(name), .add, SQLLiteral.numeric("0"))
    }

    /// A list over an arbitrary FROM expression (a join).
    public init(from: any SQLExpression) { self.table = from }

    /// Adds a condition.
    public mutating func filter(_ condition: any SQLExpression) { conditions.append(condition) }

    /// Adds `column op value` with the value bound.
    public mutating func filter(_ column: String, _ op: SQLBinaryOperator, _ value: some Encodable & Sendable) {
        conditions.append(SQLBinaryExpression(self.column(column, isText: value is String), op, SQLBind(value)))
    }

    /// Adds "any of `columns` contains `text`" (case-insensitive; `%` and `_` in the text match literally). Empty text adds nothing.
    public mutating func search(_ columns: [String], contains text: String) {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty, !columns.isEmpty else { return }
        let escaped = trimmed.lowercased().replacingOccurrences(of: "\\", with: "\\\\")
            .replacingOccurrences(of: "%", with: "\\%").replacingOccurrences(of: "_", with: "\\_")
        let pattern = SQLBind("%\(escaped)%")
        let likes: [any SQLExpression] = columns.map { column in
            SQLList([SQLFunction("LOWER", args: SQLColumn(column)), SQLRaw("LIKE"), pattern, SQLRaw("ESCAPE '\\'")], separator: SQLRaw(" "))
        }
        conditions.append(SQLGroupExpression(SQLList(likes, separator: SQLRaw(" OR "))))
    }

    /// All conditions (and the OR of the alternatives) as one predicate (TRUE when none).
    public var predicate: any SQLExpression {
        var all = conditions
        if alternatives.count == 1 { all.append(alternatives[0]) }
        if alternatives.count > 1 { all.append(SQLList(alternatives.map { SQLGroupExpression($0) }, separator: SQLRaw(" OR "))) }
        return Self.and(all)
    }

    /// The predicate of each branch of the UNION: the conditions and one alternative (one branch without alternatives).
    var branches: [any SQLExpression] {
        alternatives.count < 2 ? [predicate] : alternatives.map { Self.and(conditions + [$0]) }
    }

    private static func and(_ terms: [any SQLExpression]) -> any SQLExpression {
        guard !terms.isEmpty else { return SQLBinaryExpression(SQLLiteral.numeric("1"), .equal, SQLLiteral.numeric("1")) }
        return SQLList(terms.map { SQLGroupExpression($0) }, separator: SQLRaw(" AND "))
    }

    /// Counts matching rows, stopping at `cap` (then `capped` is true and the UI shows "cap+").
    public func count(_ db: any SQLDatabase, cap: Int = 10_000) async throws -> (total: Int, capped: Bool) {
        let inner: any SQLExpression
        if alternatives.count < 2 {
            inner = db.select().column(SQLLiteral.numeric("1"), as: "one").from(table).where(predicate).limit(cap + 1).select
        } else {
            // The union of the branches' ids (a row matching two alternatives counts once), capped.
            let union = SQLList(branches.map { branch in
                db.select().column("id").from(table).where(branch).select as any SQLExpression
            }, separator: SQLRaw(" UNION "))
            inner = SQLList([SQLRaw("SELECT id FROM ("), union, SQLRaw(") u LIMIT "), SQLLiteral.numeric(String(cap + 1))], separator: SQLRaw(""))
        }
        let n = try await db.select().column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n")
            .from(SQLAlias(SQLGroupExpression(inner), as: SQLIdentifier("sub")))
            .first(decodingColumn: "n", as: Int.self) ?? 0
        return n > cap ? (cap, true) : (n, false)
    }

    /// A subquery of the ids of one page, ordered by `sort` then `id`: for `WHERE id IN (…)` on the table, so that only the
    /// page's rows are read. `sort` must be a column of the table.
    public func pageIDs(sort: String, descending: Bool, limit: Int, offset: Int) -> any SQLExpression {
        let direction: SQLDirection = descending ? .descending : .ascending
        var order: [any SQLExpression] = [SQLOrderBy(expression: SQLColumn(sort), direction: direction)]
        if sort != "id" { order.append(SQLOrderBy(expression: SQLColumn("id"), direction: direction)) }
        let tail: [any SQLExpression] = [SQLRaw(" ORDER BY "), SQLList(order), SQLRaw(" LIMIT "), SQLLiteral.numeric(String(limit)),
                                         SQLRaw(" OFFSET "), SQLLiteral.numeric(String(offset))]
        // A branch of a union carries its sort column out to the ORDER BY of the union; a lone query selects the id alone.
        let columns: [any SQLExpression] = sort == "id" || branches.count == 1 ? [SQLColumn("id")] : [SQLColumn("id"), SQLColumn(sort)]
        let selects = branches.map { branch in
            SQLList([SQLRaw("SELECT "), SQLList(columns), SQLRaw(" FROM "), table, SQLRaw(" WHERE "), branch], separator: SQLRaw("")) as any SQLExpression
        }
        if selects.count == 1 { return SQLGroupExpression(SQLList([selects[0]] + tail, separator: SQLRaw(""))) }
        // Each branch seeks its own index; the compound's ORDER BY … LIMIT merges the branches' ordered ids and stops after
        // the page (a union wrapped in a subquery and sorted outside would collect every match first). A sort column other
        // than the id is selected by each branch for that ORDER BY, and projected away outside.
        let compound = SQLList([SQLList(selects, separator: SQLRaw(" UNION "))] + tail, separator: SQLRaw(""))
        if sort == "id" { return SQLGroupExpression(compound) }
        return SQLGroupExpression(SQLList([SQLRaw("SELECT id FROM ("), compound, SQLRaw(") u")], separator: SQLRaw("")))
    }

    /// One page of rows, ordered by `sort` (then by `tieBreaker` for a stable order).
    public func fetch<T: Decodable>(_ db: any SQLDatabase, columns: [any SQLExpression], as type: T.Type, sort: any SQLExpression,
                                    descending: Bool, tieBreaker: any SQLExpression = SQLColumn("id"),
                                    limit: Int, offset: Int) async throws -> [T] {
        try await db.select().columns(columns).from(table).where(predicate)
            .orderBy(sort, (descending ? SQLDirection.descending : SQLDirection.ascending) as any SQLExpression)
            .orderBy(tieBreaker, (descending ? SQLDirection.descending : SQLDirection.ascending) as any SQLExpression)
            .limit(limit).offset(offset)
            .all(decoding: T.self)
    }
}

/// Paging and sorting read from a list page's query string.
public struct ListParams: Sendable, Equatable {
    public var page: Int
    public var pageSize: Int
    public var sort: String
    public var descending: Bool

    /// Reads `page`, `sort` and `dir`, keeping `sort` to one of `sortable` (else `defaultSort`).
    public init(query: FormData, pageSize: Int, sortable: [String], defaultSort: String, defaultDescending: Bool = true) {
        self.page = max(1, min(query.int("page") ?? 1, 1_000_000))
        self.pageSize = max(1, min(pageSize, 500))
        let requested = query["sort"]
        self.sort = sortable.contains(requested) ? requested : defaultSort
        let dir = query["dir"]
        self.descending = dir.isEmpty ? defaultDescending : dir == "desc"
    }

    /// The offset of the page.
    public var offset: Int { (page - 1) * pageSize }
}
