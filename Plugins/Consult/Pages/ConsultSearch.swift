import Members
import PluginAPI
import SQLKit

/// The search form of the consultation lists and its SQL conditions: member UID, member username, contact name, mobile,
/// matchmaker, date range, importance, assignment.
struct ConsultSearch: Sendable {
    let req: ModuleRequest
    let timeZone: String

    static let queryNames = ["uid", "username", "contact_name", "mobile", "owner", "from", "until", "important", "assignment"]

    /// The consultations in `status` (nil: any) the user may take `action` on, narrowed by the query string.
    func listQuery(status: String?, action: String = "view") -> ListQuery {
        let q = req.query
        var list = ListQuery(table: "consult_consultation")
        list.filter(ConsultAccess.predicate(req, action: action))
        if let status { list.filter("status", .equal, status) }
        if let uid = Int64(q["uid"]) { list.filter("member_id", .equal, uid) }
        if !q["username"].isEmpty {
            list.filter(SQLBinaryExpression(SQLColumn("member_id"), .in, SQLGroupExpression(MemberDirectory.ids(username: q["username"], db: req.db))))
        }
        list.search(["contact_name"], contains: q["contact_name"])
        list.search(["mobile"], contains: q["mobile"])
        if let owner = Int64(q["owner"]) { list.filter("owner_id", .equal, owner) }
        if let from = AgencyTime.dayStart(q["from"], timeZone: timeZone) { list.filter("created_at", .greaterThanOrEqual, from) }
        if let until = AgencyTime.dayStart(q["until"], timeZone: timeZone) { list.filter("created_at", .lessThan, until + 86_400) }
        if q["important"] == "1" { list.filter("important", .equal, 1) }
        switch q["assignment"] {
        case "assigned": list.filter(SQLBinaryExpression(SQLColumn("owner_id"), .isNot, SQLLiteral.null))
        case "unassigned": list.filter(SQLBinaryExpression(SQLColumn("owner_id"), .is, SQLLiteral.null))
        default: break
        }
        return list
    }

    /// The current filters as name/value pairs, for paging and sorting links.
    var activeFilters: [(String, String)] {
        Self.queryNames.compactMap { req.query[$0].isEmpty ? nil : ($0, req.query[$0]) }
    }

    func form(action: String, assignment: Bool) async throws -> SearchForm {
        let q = req.query
        func text(_ name: String, _ kind: FieldKind = .text) -> FormField {
            FormField(name: name, label: req.t("field.\(name)"), kind: kind, value: q[name])
        }
        let staff = try await MemberDirectory.visibleStaffOptions(req, resource: ConsultAccess.resource)
        var fields = [
            text("uid", .number), text("username"), text("contact_name"), text("mobile", .tel),
            FormField(name: "owner", label: req.t("field.owner"), kind: .select(options: staff, allowEmpty: true), value: q["owner"]),
            FormField(name: "from", label: req.t("field.created"), kind: .range(toName: "until", toValue: q["until"]), value: q["from"]),
            FormField(name: "important", label: req.t("field.important"),
                      kind: .select(options: [SelectOption(value: "1", label: req.t("important.only"))], allowEmpty: true), value: q["important"]),
        ]
        if assignment {
            let options = ["assigned", "unassigned"].map { SelectOption(value: $0, label: req.t("assignment.\($0)")) }
            fields.append(FormField(name: "assignment", label: req.t("field.assignment"), kind: .select(options: options, allowEmpty: true),
                                    value: q["assignment"]))
        }
        return SearchForm(action: action, fields: fields)
    }
}
