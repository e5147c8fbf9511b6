import SQLKit

/// Small SQL pieces for matching, serialised the same on SQLite and PostgreSQL, values always bound.
enum MatchSQL {
    /// `(CASE WHEN condition THEN 1 ELSE 0 END)`.
    struct Flag: SQLExpression {
        let condition: any SQLExpression
        func serialize(to serializer: inout SQLSerializer) {
            serializer.write("(CASE WHEN ")
            condition.serialize(to: &serializer)
            serializer.write(" THEN 1 ELSE 0 END)")
        }
    }

    /// `(NOT (condition))`.
    struct Not: SQLExpression {
        let condition: any SQLExpression
        func serialize(to serializer: inout SQLSerializer) {
            serializer.write("(NOT (")
            condition.serialize(to: &serializer)
            serializer.write("))")
        }
    }

    static func and(_ parts: [any SQLExpression]) -> any SQLExpression {
        parts.count == 1 ? parts[0] : SQLGroupExpression(SQLList(parts, separator: SQLRaw(" AND ")))
    }

    static func or(_ parts: [any SQLExpression]) -> any SQLExpression {
        parts.isEmpty ? SQLRaw("1 = 0") : parts.count == 1 ? parts[0] : SQLGroupExpression(SQLList(parts, separator: SQLRaw(" OR ")))
    }

    /// `column IN (values…)` (false for no values).
    static func isIn(_ column: String, _ values: [String]) -> any SQLExpression {
        values.isEmpty ? SQLRaw("1 = 0")
            : SQLBinaryExpression(SQLColumn(column), .in, SQLGroupExpression(values.map { SQLBind($0) as any SQLExpression }))
    }

    static func compare(_ column: String, _ op: SQLBinaryOperator, _ value: some Encodable & Sendable) -> any SQLExpression {
        SQLBinaryExpression(SQLColumn(column), op, SQLBind(value))
    }

    /// `column <> ''`.
    static func notEmpty(_ column: String) -> any SQLExpression { SQLBinaryExpression(SQLColumn(column), .notEqual, SQLBind("")) }

    /// `(',' || column || ',') LIKE '%,code,%'`: a comma-separated list column holds `code`.
    static func listHolds(_ column: String, _ code: String) -> any SQLExpression {
        SQLBinaryExpression(SQLGroupExpression(SQLList([SQLLiteral.string(","), SQLColumn(column), SQLLiteral.string(",")], separator: SQLRaw(" || "))),
                            .like, SQLBind("%,\(code),%"))
    }

    /// The sum of `terms` (`0` for none), in parentheses.
    static func sum(_ terms: [any SQLExpression]) -> any SQLExpression {
        terms.isEmpty ? SQLRaw("0") : SQLGroupExpression(SQLList(terms, separator: SQLRaw(" + ")))
    }
}
