import Members
import PluginAPI
import Settings

/// How stored values read on a page: names for staff and members, labels for dictionary codes, yuan, local times.
/// The names and labels a page needs are loaded once for all its records.
struct FieldDisplay: Sendable {
    let req: ModuleRequest
    let context: TableContext
    let timeZone: String
    let staff: [Int64: String]
    let dictionaries: [String: [String: String]]
    /// Referenced members the user may see (others show their UID only).
    let members: [Int64: MemberRecord]

    static func make(_ req: ModuleRequest, _ context: TableContext, records: [Record], timeZone: String) async throws -> FieldDisplay {
        let staff = Dictionary(try await req.host.activeStaff().map { ($0.id, $0.name) }, uniquingKeysWith: { a, _ in a })
        var dictionaries: [String: [String: String]] = [:]
        var memberIDs: [Int64] = []
        for field in context.table.fields {
            switch field.type {
            case .dictionary(let list) where dictionaries[list] == nil:
                dictionaries[list] = try await DictionaryService.labels(list, db: req.db, cache: req.host.cache, language: req.language)
            case .member:
                memberIDs += records.compactMap { $0[field.id].intValue }
            default: break
            }
        }
        var members: [Int64: MemberRecord] = [:]
        if !memberIDs.isEmpty {
            members = try await MemberDirectory.records(ids: memberIDs, db: req.db).filter { MemberDirectory.allows(req, $0.value, "view") }
        }
        return FieldDisplay(req: req, context: context, timeZone: timeZone, staff: staff, dictionaries: dictionaries, members: members)
    }

    func staffName(_ id: Int64?) -> String { id.map { staff[$0] ?? "#\($0)" } ?? "—" }

    /// The cell of `field` on `record`.
    func cell(_ field: FieldDefinition, _ record: Record) -> HTML {
        let value = record[field.id]
        switch (field.type, value) {
        case (.boolean, _): return .text(req.t(value.intValue == 1 ? "ui.yes" : "ui.no"))
        case (_, .null): return .text("—")
        case (.money, .int(let fen)): return .text(UIFormat.yuan(fen))
        case (.datetime, .int(let epoch)): return .text(AgencyTime.format(epoch, timeZone: timeZone))
        case (.staff, .int(let id)): return .text(staffName(id))
        case (.member, .int(let id)):
            guard let member = members[id] else { return .text("UID \(id)") }
            return HTML.link("\(member.username) (\(id))", href: "/m/members/\(id)")
        case (.dictionary(let list), .text(let code)): return .text(dictionaries[list]?[code] ?? code)
        case (_, .int(let i)): return .text(String(i))
        case (_, .text(let s)): return .text(s.count > 60 ? String(s.prefix(60)) + "…" : s)
        }
    }

    /// The value of `field` as a form control shows it (yuan, `yyyy-MM-ddTHH:mm`, `1`/`""` for checkboxes).
    static func formValue(_ field: FieldDefinition, _ value: StoredValue, timeZone: String) -> String {
        switch (field.type, value) {
        case (.boolean, _): return value.intValue == 1 ? "1" : ""
        case (_, .null): return ""
        case (.money, .int(let fen)):
            let cents = fen.magnitude % 100
            return "\(fen / 100).\(cents < 10 ? "0" : "")\(cents)"
        case (.datetime, .int(let epoch)): return AgencyTime.format(epoch, timeZone: timeZone, pattern: "datetime-local")
        case (_, .int(let i)): return String(i)
        case (_, .text(let s)): return s
        }
    }
}
