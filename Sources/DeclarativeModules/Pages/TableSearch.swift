import Members
import PluginAPI
import Settings
import SQLKit

/// The search filters a table declares, read from the query string (pages and API alike) into SQL conditions and a search form.
///
/// Query names: text → `<field>` (contains); dictionary, boolean, staff, member → `<field>` (equals);
/// integer, money (yuan), date, datetime (days) → `<field>_from` and `<field>_to` (inclusive).
struct TableSearch: Sendable {
    let req: ModuleRequest
    let context: TableContext
    let timeZone: String

    private var filters: [FieldDefinition] { context.table.filters.compactMap { context.table.field($0) } }

    static func isRange(_ type: FieldType) -> Bool {
        switch type {
        case .integer, .money, .date, .datetime: true
        default: false
        }
    }

    /// The query names of the filters.
    var queryNames: [String] { Self.queryNames(of: context.table) }

    /// The query names of the filters `table` declares.
    static func queryNames(of table: TableDefinition) -> [String] {
        table.filters.compactMap { table.field($0) }.flatMap { isRange($0.type) ? ["\($0.id)_from", "\($0.id)_to"] : [$0.id] }
    }

    /// The current filters as name/value pairs, for paging and sorting links.
    var activeFilters: [(String, String)] {
        queryNames.compactMap { req.query[$0].isEmpty ? nil : ($0, req.query[$0]) }
    }

    /// The records the user may see, narrowed by the query string.
    func listQuery() -> ListQuery {
        var list = ListQuery(table: context.sqlTable)
        list.filter(TableAccess(context: context).predicate(req))
        let q = req.query
        for field in filters {
            let column = context.table.column(of: field)
            if Self.isRange(field.type) {
                if let low = bound(field, q["\(field.id)_from"], upper: false) { list.filter(SQLBinaryExpression(SQLColumn(column), .greaterThanOrEqual, low.sql)) }
                if let high = bound(field, q["\(field.id)_to"], upper: true) { list.filter(SQLBinaryExpression(SQLColumn(column), .lessThanOrEqual, high.sql)) }
                continue
            }
            let value = q[field.id]
            guard !value.isEmpty else { continue }
            switch field.type {
            case .text: list.search([column], contains: value)
            case .dictionary: list.filter(column, .equal, value)
            case .boolean:
                if value == "1" { list.filter(column, .equal, Int64(1)) }
                else if value == "0" { list.filter(SQLGroupExpression(SQLList([SQLBinaryExpression(SQLColumn(column), .equal, SQLLiteral.numeric("0")),
                                                                             SQLBinaryExpression(SQLColumn(column), .is, SQLLiteral.null)],
                                                                            separator: SQLRaw(" OR ")))) }
            default:
                if let id = Int64(value) { list.filter(column, .equal, id) }
                else { list.filter(SQLBinaryExpression(SQLLiteral.numeric("1"), .equal, SQLLiteral.numeric("0"))) }
            }
        }
        return list
    }

    /// The stored value a range bound stands for (days become their first or last second for datetimes); nil when empty or invalid.
    private func bound(_ field: FieldDefinition, _ text: String, upper: Bool) -> StoredValue? {
        guard !text.isEmpty else { return nil }
        switch field.type {
        case .integer: return Int64(text).map(StoredValue.int)
        case .money: return UIFormat.fen(fromYuan: text).map(StoredValue.int)
        case .date: return AgencyTime.dayStart(text, timeZone: timeZone).map { .text(AgencyTime.format($0 + 43_200, timeZone: timeZone, pattern: "yyyy-MM-dd")) }
        case .datetime: return AgencyTime.dayStart(text, timeZone: timeZone).map { .int(upper ? $0 + 86_399 : $0) }
        default: return nil
        }
    }

    /// The search form above the list.
    func form(action: String) async throws -> SearchForm {
        let q = req.query
        var fields: [FormField] = []
        for field in filters {
            let label = req.t(context.fieldKey(field))
            switch field.type {
            case .integer, .money, .date, .datetime:
                let kind: FieldKind = .range(toName: "\(field.id)_to", toValue: q["\(field.id)_to"])
                fields.append(FormField(name: "\(field.id)_from", label: label, kind: kind, value: q["\(field.id)_from"]))
            case .dictionary(let list):
                let options = try await DictionaryService.options(list, db: req.db, cache: req.host.cache, language: req.language)
                fields.append(FormField(name: field.id, label: label, kind: .select(options: options, allowEmpty: true), value: q[field.id]))
            case .boolean:
                let options = [SelectOption(value: "1", label: req.t("ui.yes")), SelectOption(value: "0", label: req.t("ui.no"))]
                fields.append(FormField(name: field.id, label: label, kind: .select(options: options, allowEmpty: true), value: q[field.id]))
            case .staff:
                let options = try await MemberDirectory.visibleStaffOptions(req, resource: context.resource)
                fields.append(FormField(name: field.id, label: label, kind: .select(options: options, allowEmpty: true), value: q[field.id]))
            case .member:
                fields.append(FormField(name: field.id, label: label, kind: .number, value: q[field.id], placeholder: req.t("ui.member_help")))
            case .text:
                fields.append(FormField(name: field.id, label: label, value: q[field.id]))
            }
        }
        return SearchForm(action: action, fields: fields)
    }
}
