import Foundation
import PluginAPI
import Settings
import SQLKit

/// Demo records for a declarative table: about 1 % of the demo size (at least 20, at most 2,000), every field filled
/// with a plausible value of its type, owned by the demo staff; unique fields get distinct values.
struct DemoRows: Sendable {
    let context: DemoContext
    let table: TableContext

    func run() async throws {
        let total = min(max(context.size / 100, context.size > 0 ? 20 : 0), 2_000)
        let staff = context.staffIDs
        guard total > 0, !staff.isEmpty else { return }
        let fields = table.table.fields
        var codes: [String: [String]] = [:]
        for field in fields {
            if case .dictionary(let list) = field.type { codes[field.id] = try await DictionaryService.all(list, db: context.db).map(\.code) }
        }
        let needsMembers = fields.contains { $0.type == .member }
        let members = needsMembers
            ? try await context.db.select().column("id").from("members_member").orderBy("id").limit(total).all(decodingColumn: "id", as: Int64.self)
            : []
        let now = Int64(Date().timeIntervalSince1970)
        var rng = DemoRandom(state: UInt64(truncatingIfNeeded: table.sqlTable.utf8.reduce(7) { $0 &* 31 &+ Int($1) }))
        var done = 0
        while done < total {
            let end = min(done + 200, total)
            var rows: [[any SQLExpression]] = []
            for i in done..<end {
                var owner = staff[rng.below(staff.count)]
                var row: [any SQLExpression] = []
                for field in fields {
                    let value = self.value(field, index: i, now: now, codes: codes[field.id] ?? [], members: members, staff: staff, rng: &rng)
                    if field.id == table.table.ownerField {
                        if let id = value.intValue { owner = id }
                    } else {
                        row.append(value.sql)
                    }
                }
                let created = now - Int64(rng.below(90 * 86_400))
                rows.append([SQLBind(owner), SQLBind(owner), SQLBind(created), SQLBind(created)] + row)
            }
            let columns = ["owner_id", "created_by", "created_at", "updated_at"]
                + fields.filter { $0.id != table.table.ownerField }.map(\.id)
            let batch = rows, name = table.sqlTable
            try await context.transaction { tx in
                let insert = tx.db.insert(into: name).columns(columns)
                for row in batch { insert.values(row) }
                try await insert.run()
            }
            done = end
            context.progress(name, done, total)
        }
    }

    private func value(_ field: FieldDefinition, index i: Int, now: Int64, codes: [String], members: [Int64], staff: [Int64],
                       rng: inout DemoRandom) -> StoredValue {
        switch field.type {
        case .text:
            switch field.format {
            case .mobile: return .text("13\(800_000_000 + i)")
            case .email: return .text("demo\(i)@example.com")
            case nil:
                let text = field.unique ? "\(field.label.zh) \(i + 1)" : "\(field.label.zh) \(rng.below(90) + 10)"
                return .text(String(text.prefix(field.lengthRange.upperBound)))
            }
        case .integer:
            let range = field.integerRange
            let low = max(range.lowerBound, field.unique ? range.lowerBound : 0), span = min(range.upperBound - low, 100)
            return .int(Int64(field.unique ? low + i : low + rng.below(max(span, 0) + 1)))
        case .money: return .int(Int64(rng.below(2_000)) * 100)
        case .date: return .text(AgencyTime.format(now - Int64(rng.below(365 * 86_400)), timeZone: "Asia/Shanghai", pattern: "yyyy-MM-dd"))
        case .datetime: return .int(now - Int64(rng.below(90 * 86_400)))
        case .boolean: return .int(Int64(rng.below(2)))
        case .dictionary: return codes.isEmpty ? .null : .text(codes[rng.below(codes.count)])
        case .member:
            if field.unique { return i < members.count ? .int(members[i]) : .null }
            return members.isEmpty ? .null : .int(members[rng.below(members.count)])
        case .staff: return field.unique ? .null : .int(staff[rng.below(staff.count)])
        }
    }
}
