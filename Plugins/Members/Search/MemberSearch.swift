import Foundation
import PluginAPI
import Settings
import SQLKit

/// The one search form used by every member list, and its translation to SQL conditions.
struct MemberSearch: Sendable {
    let req: ModuleRequest
    let today: String
    /// The owner column(s) visibility is judged by.
    var scope: MemberScope = .anyOwner

    /// Dictionary-backed equality filters: query name = column = dictionary list.
    static let dictionaryFilters: [(name: String, list: String)] = [
        ("gender", "gender"), ("marital_status", "marital_status"), ("education", "education"), ("income_band", "income_band"),
        ("occupation", "occupation"), ("car", "car"), ("housing", "housing"), ("children", "children"), ("customer_status", "customer_status"),
        ("dating_purpose", "dating_purpose"), ("source", "member_source"),
    ]
    static let exactText = ["username", "mobile", "email", "qq", "wechat", "id_card"]
    static let queryNames = ["uid", "username", "mobile", "email", "qq", "wechat", "real_name", "id_card", "province", "city", "district",
                             "age_min", "age_max", "height_min", "height_max", "weight_min", "weight_max", "has_avatar", "reg_from", "reg_to",
                             "allocation", "signed", "owner", "last_from", "last_to", "next_from", "next_to", "zodiac", "constellation",
                             "hukou_province", "hukou_city", "pc_age", "pc_marital"] + dictionaryFilters.map(\.name)
    static let sortable = ["id", "registered_at", "allocated_at", "last_contact_at", "next_contact_at", "birthday", "height"]

    /// The conditions of the current query string, plus the visibility predicate.
    /// Without `visibility`, only the search conditions (for another module that judges its own records, e.g. contracts).
    func listQuery(timeZone: String, walkSortOrder: Bool = false, visibility: Bool = true) -> ListQuery {
        let q = req.query
        var list = ListQuery(table: "members_member")
        list.walkSortOrder = walkSortOrder
        // Walking the sort order keeps the planner off the owner indexes; otherwise each owner column is a branch of its own,
        // seeking its (owner, gender, province, birthday) index.
        if visibility, walkSortOrder { list.filter(MemberAccess.predicate(req, walkSortOrder: true, scope: scope)) }
        if visibility, !walkSortOrder { list.alternatives = MemberAccess.alternatives(req, scope: scope) }
        if let uid = Int64(q["uid"]) { list.filter("id", .equal, uid) }
        for name in Self.exactText where !q[name].isEmpty { list.filter(name, .equal, q[name]) }
        if !q["real_name"].isEmpty { list.search(["real_name"], contains: q["real_name"]) }
        for filter in Self.dictionaryFilters where !q[filter.name].isEmpty { list.filter(filter.name, .equal, q[filter.name]) }
        if !q["district"].isEmpty { list.filter("district", .equal, q["district"]) }
        else if !q["city"].isEmpty { list.filter("city", .equal, q["city"]) }
        else if !q["province"].isEmpty { list.filter("province", .equal, q["province"]) }
        let range = MemberFormat.birthdayRange(minAge: q.int("age_min"), maxAge: q.int("age_max"), today: today)
        if let from = range.from { list.filter("birthday", .greaterThanOrEqual, from) }
        if let to = range.to { list.filter("birthday", .lessThanOrEqual, to) }
        if range.from != nil || range.to != nil { list.filter("birthday", .notEqual, "") }
        for (column, minName, maxName) in [("height", "height_min", "height_max"), ("weight", "weight_min", "weight_max")] {
            if let min = q.int(minName) { list.filter(column, .greaterThanOrEqual, min) }
            if let max = q.int(maxName) { list.filter(column, .lessThanOrEqual, max) }
        }
        switch q["has_avatar"] {
        case "1": list.filter("avatar", .notEqual, "")
        case "0": list.filter("avatar", .equal, "")
        default: break
        }
        switch q["allocation"] {
        case "allocated": list.filter(SQLBinaryExpression(SQLColumn("owner_id"), .isNot, SQLLiteral.null))
        case "unallocated": list.filter(SQLBinaryExpression(SQLColumn("owner_id"), .is, SQLLiteral.null))
        default: break
        }
        if !q["zodiac"].isEmpty { list.filter(SQLGroupExpression(BirthSigns.zodiacCondition([q["zodiac"]]))) }
        if !q["constellation"].isEmpty { list.filter(SQLGroupExpression(BirthSigns.constellationCondition([q["constellation"]]))) }
        if !q["hukou_city"].isEmpty { list.filter("hukou_city", .equal, q["hukou_city"]) }
        else if !q["hukou_province"].isEmpty { list.filter("hukou_province", .equal, q["hukou_province"]) }
        // Partner criteria: members who would accept a partner of this age (an open bound accepts), or of this marital status.
        if let age = q.int("pc_age") {
            for (column, op) in [("pc_age_min", SQLBinaryOperator.lessThanOrEqual), ("pc_age_max", .greaterThanOrEqual)] {
                list.filter(SQLGroupExpression(SQLList([SQLBinaryExpression(SQLColumn(column), .is, SQLLiteral.null),
                                                        SQLBinaryExpression(SQLColumn(column), op, SQLBind(age))], separator: SQLRaw(" OR "))))
            }
        }
        if !q["pc_marital"].isEmpty, q["pc_marital"].allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") }) {
            list.filter(SQLList([SQLRaw("(',' || pc_marital || ',') LIKE"), SQLBind("%,\(q["pc_marital"]),%")], separator: SQLRaw(" ")))
        }
        if q["signed"] == "1" || q["signed"] == "0" { list.filter("signed", .equal, Int(q["signed"]) ?? 0) }
        if let owner = Int64(q["owner"]) {
            list.filter(SQLGroupExpression(SQLList([SQLBinaryExpression(SQLColumn("owner_id"), .equal, SQLBind(owner)),
                                                    SQLBinaryExpression(SQLColumn("aftersale_owner_id"), .equal, SQLBind(owner))],
                                                   separator: SQLRaw(" OR "))))
        }
        for (column, fromName, toName) in [("registered_at", "reg_from", "reg_to"), ("last_contact_at", "last_from", "last_to"),
                                           ("next_contact_at", "next_from", "next_to")] {
            if let from = Self.dayStart(q[fromName], timeZone) { list.filter(column, .greaterThanOrEqual, from) }
            if let to = Self.dayStart(q[toName], timeZone) { list.filter(column, .lessThan, to + 86_400) }
        }
        return list
    }

    static func dayStart(_ text: String, _ timeZone: String) -> Int64? { AgencyTime.dayStart(text, timeZone: timeZone) }

    /// The current filters as name/value pairs (for paging links and exports).
    var activeFilters: [(String, String)] {
        Self.queryNames.compactMap { req.query[$0].isEmpty ? nil : ($0, req.query[$0]) }
    }

    /// The search form, with dictionary options, regions and the matchmakers the user may see.
    func form(action: String, extraHidden: [String: String] = [:]) async throws -> SearchForm {
        let q = req.query
        func text(_ name: String, _ key: String, _ kind: FieldKind = .text) -> FormField {
            FormField(name: name, label: req.t(key), kind: kind, value: q[name])
        }
        func range(_ name: String, _ to: String, _ key: String) -> FormField {
            FormField(name: name, label: req.t(key), kind: .range(toName: to, toValue: q[to]), value: q[name])
        }
        var fields: [FormField] = [
            text("uid", "field.uid", .number), text("username", "field.username"), text("real_name", "field.real_name"),
            text("mobile", "field.mobile", .tel), text("id_card", "field.id_card"), text("email", "field.email"), text("qq", "field.qq"),
            text("wechat", "field.wechat"),
        ]
        let provinces = try await req.host.regions.children(of: nil).map { SelectOption(value: $0.code, label: $0.name) }
        fields.append(FormField(name: "province", label: req.t("field.province"), kind: .select(options: provinces, allowEmpty: true), value: q["province"]))
        if !q["province"].isEmpty {
            let cities = try await req.host.regions.children(of: q["province"]).map { SelectOption(value: $0.code, label: $0.name) }
            fields.append(FormField(name: "city", label: req.t("field.city"), kind: .select(options: cities, allowEmpty: true), value: q["city"]))
        }
        if !q["city"].isEmpty {
            let districts = try await req.host.regions.children(of: q["city"]).map { SelectOption(value: $0.code, label: $0.name) }
            fields.append(FormField(name: "district", label: req.t("field.district"), kind: .select(options: districts, allowEmpty: true), value: q["district"]))
        }
        fields += [range("age_min", "age_max", "field.age"), range("height_min", "height_max", "field.height"),
                   range("weight_min", "weight_max", "field.weight")]
        for filter in Self.dictionaryFilters {
            let options = try await DictionaryService.options(filter.list, db: req.db, cache: req.host.cache, language: req.language)
            fields.append(FormField(name: filter.name, label: req.t("field.\(filter.name)"), kind: .select(options: options, allowEmpty: true),
                                    value: q[filter.name]))
        }
        let yesNo = [SelectOption(value: "1", label: req.t("yes")), SelectOption(value: "0", label: req.t("no"))]
        fields += [
            FormField(name: "has_avatar", label: req.t("field.has_avatar"), kind: .select(options: yesNo, allowEmpty: true), value: q["has_avatar"]),
            FormField(name: "signed", label: req.t("field.signed"), kind: .select(options: [SelectOption(value: "1", label: req.t("signed")),
                                                                                         SelectOption(value: "0", label: req.t("unsigned"))], allowEmpty: true),
                      value: q["signed"]),
            FormField(name: "allocation", label: req.t("field.allocation"),
                      kind: .select(options: [SelectOption(value: "allocated", label: req.t("allocated")),
                                              SelectOption(value: "unallocated", label: req.t("unallocated"))], allowEmpty: true),
                      value: q["allocation"]),
            FormField(name: "owner", label: req.t("field.owner"), kind: .select(options: try await MemberStaff.visibleOptions(req), allowEmpty: true),
                      value: q["owner"]),
            range("reg_from", "reg_to", "field.registered"), range("last_from", "last_to", "field.last_contact"),
            range("next_from", "next_to", "field.next_contact"),
        ]
        return SearchForm(action: action, fields: fields, extraHidden: extraHidden, more: try await moreFields(), moreLabel: req.t("search.more"))
    }

    /// The collapsible section: birth signs, household registration, partner criteria.
    func moreFields() async throws -> [FormField] {
        let q = req.query
        func dictionary(_ name: String, _ list: String, label: String) async throws -> FormField {
            let options = try await DictionaryService.options(list, db: req.db, cache: req.host.cache, language: req.language)
            return FormField(name: name, label: req.t(label), kind: .select(options: options, allowEmpty: true), value: q[name])
        }
        var fields = [try await dictionary("zodiac", "zodiac", label: "field.zodiac"),
                      try await dictionary("constellation", "constellation", label: "field.constellation")]
        let provinces = try await req.host.regions.children(of: nil).map { SelectOption(value: $0.code, label: $0.name) }
        fields.append(FormField(name: "hukou_province", label: req.t("field.hukou_province"), kind: .select(options: provinces, allowEmpty: true),
                                value: q["hukou_province"]))
        if !q["hukou_province"].isEmpty {
            let cities = try await req.host.regions.children(of: q["hukou_province"]).map { SelectOption(value: $0.code, label: $0.name) }
            fields.append(FormField(name: "hukou_city", label: req.t("field.hukou_city"), kind: .select(options: cities, allowEmpty: true),
                                    value: q["hukou_city"]))
        }
        fields.append(FormField(name: "pc_age", label: req.t("search.pc_age"), kind: .number, value: q["pc_age"]))
        fields.append(try await dictionary("pc_marital", "marital_status", label: "search.pc_marital"))
        return fields
    }
}
