import Foundation
import SQLKit

extension TestHost {
    /// The number of rows of `table`, optionally restricted to `column = value`.
    public func count(_ table: String, where column: String? = nil, _ value: (any Encodable & Sendable)? = nil) async throws -> Int {
        let query = db.select().column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n").from(table)
        if let column, let value { query.where(SQLColumn(column), .equal, SQLBind(value)) }
        return try await query.first(decodingColumn: "n", as: Int.self) ?? 0
    }

    /// The id of the staff account `login`.
    public func userID(_ login: String) async throws -> Int64 {
        try await db.select().column("id").from("core_user").where("login", .equal, login).first(decodingColumn: "id", as: Int64.self) ?? 0
    }

    /// One text column of a staff account.
    public func userColumn(_ login: String, _ column: String) async throws -> String? {
        try await db.select().column(column).from("core_user").where("login", .equal, login)
            .first(decodingColumn: column, as: String?.self) ?? nil
    }

    /// The stored grants of `role`: permission → scope.
    public func grants(of role: Int64) async throws -> [String: String] {
        struct Row: Decodable { let permission: String; let scope: String }
        let rows = try await db.select().columns("permission", "scope").from("core_grant").where("role_id", .equal, role).all(decoding: Row.self)
        return Dictionary(rows.map { ($0.permission, $0.scope) }, uniquingKeysWith: { a, _ in a })
    }
}
