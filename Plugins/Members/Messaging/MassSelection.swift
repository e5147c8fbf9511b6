import Foundation
import PluginAPI
import SQLKit

/// Who a mass send goes to: the members of a search (its query string) or the rows ticked on a list (their ids), always
/// within what the sender may see (the kernel's visibility predicate). Carried through the form as one hidden value,
/// `q:<query string>` or `ids:1,2,3`, and kept with the send for the audit log.
struct MassSelection: Sendable {
    enum Source: Sendable, Equatable {
        case search(String)
        case ids([Int64])
    }

    let source: Source

    /// At most this many ticked rows are carried (a list page shows at most 200).
    static let maxIDs = 500

    init(_ source: Source) { self.source = source }

    init?(encoded: String) {
        if encoded.hasPrefix("q:") { self.init(.search(String(encoded.dropFirst(2)))); return }
        guard encoded.hasPrefix("ids:") else { return nil }
        var seen = Set<Int64>()
        let ids = encoded.dropFirst(4).split(separator: ",").compactMap { Int64($0) }.filter { $0 > 0 && seen.insert($0).inserted }
        guard !ids.isEmpty else { return nil }
        self.init(.ids(Array(ids.prefix(Self.maxIDs))))
    }

    var encoded: String {
        switch source {
        case .search(let query): "q:" + query
        case .ids(let ids): "ids:" + ids.map(String.init).joined(separator: ",")
        }
    }

    /// The selected members the user sees.
    func members(_ req: ModuleRequest, timeZone: String) -> ListQuery {
        switch source {
        case .search(let query):
            var seen = req
            seen.query = FormData.parse(urlEncoded: Substring(query))
            return MemberSearch(req: seen, today: MemberFormat.today(timeZone: timeZone)).listQuery(timeZone: timeZone)
        case .ids(let ids):
            var list = ListQuery(table: "members_member")
            list.filter(MemberAccess.predicate(req))
            list.filter(SQLBinaryExpression(SQLColumn("id"), .in, SQLGroupExpression(SQLList(ids.map { SQLBind($0) }))))
            return list
        }
    }

    /// The selected members the user sees that a message on `channel` reaches.
    func reachableMembers(_ req: ModuleRequest, channel: OutboxChannel, timeZone: String) -> ListQuery {
        var list = members(req, timeZone: timeZone)
        for condition in Self.reachable(channel) { list.filter(condition) }
        return list
    }

    /// Members a message on `channel` reaches: not opted out, with an address for the channel.
    static func reachable(_ channel: OutboxChannel) -> [any SQLExpression] {
        var conditions: [any SQLExpression] = [SQLBinaryExpression(SQLColumn("opt_out"), .equal, SQLLiteral.numeric("0"))]
        switch channel {
        case .email: conditions.append(SQLRaw("COALESCE(\"email\", '') <> ''"))
        case .sms: conditions.append(SQLRaw("COALESCE(\"mobile\", '') <> ''"))
        case .internal: break
        }
        return conditions
    }

    /// How many are selected, and of them how many opted out and how many have no address for `channel`.
    struct Counts: Sendable, Equatable {
        var selected = 0
        var optedOut = 0
        var noAddress = 0
        var reachable: Int { selected - optedOut - noAddress }
    }

    /// The members of `list` that also meet `extra`, uncounted by any cap (a send reaches every one).
    static func count(_ list: ListQuery, _ extra: [any SQLExpression] = [], db: any SQLDatabase) async throws -> Int {
        var query = list
        for condition in extra { query.filter(condition) }
        return try await db.select().column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n").from("members_member")
            .where(query.predicate).first(decodingColumn: "n", as: Int.self) ?? 0
    }

    static func counts(_ list: ListQuery, channel: OutboxChannel, db: any SQLDatabase) async throws -> Counts {
        func count(_ extra: [any SQLExpression]) async throws -> Int { try await Self.count(list, extra, db: db) }
        var counts = Counts()
        counts.selected = try await count([])
        counts.optedOut = try await count([SQLBinaryExpression(SQLColumn("opt_out"), .notEqual, SQLLiteral.numeric("0"))])
        counts.noAddress = counts.selected - counts.optedOut - (try await count(reachable(channel)))
        return counts
    }
}
