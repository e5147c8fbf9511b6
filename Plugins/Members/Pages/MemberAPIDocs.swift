import PluginAPI

/// The OpenAPI descriptions of `MemberAPI`'s routes.
enum MemberAPIDocs {
    /// A member as the API shows it (`MemberAPI.Item`); `age` is left out when the birthday is unknown.
    static let item = JSONSchema.object([
        "uid": .integer, "username": .string, "gender": .string, "age": .integer,
        "fields": .object(values: .string).described("text fields that are set, contact fields masked without the viewContact grant"),
        "numbers": .object(values: .integer), "owner_id": .integer, "aftersale_owner_id": .integer, "signed": .boolean,
        "customer_status": .string, "registered_at": .integer.described("UTC epoch seconds"),
    ], required: ["uid", "username", "gender", "fields", "numbers", "signed", "customer_status", "registered_at"])

    /// A member's fields to create or change: strings, numbers, or lists of strings for multi-choice fields.
    static let body = JSONSchema.object(["username": .string, "gender": .string, "mobile": .string, "birthday": .string(format: "date")],
                                        values: .anyValue)

    static let filters = MemberSearch.queryNames.map { APIParameter($0, .string, "search filter, as on the member search page") }
        + [APIParameter("page", .integer(minimum: 1), "page number, from 1")] + APIParameter.sorting(MemberSearch.sortable)

    static let list = APIDoc("Members the caller may see, filtered like the search page, paged", query: filters, response: .page(of: item))
    static let show = APIDoc("One member the caller may see", response: item)
    static let regions = APIDoc.regionChildren
    static let create = APIDoc("Adds a member owned by the caller (validated like the form)", body: body, response: item, status: 201)
    static let update = APIDoc("Changes a member; fields left out keep their values", body: body, response: item)
    static let activity = APIDoc(
        "Records an event of the member on the agency's dating website",
        body: .object(["kind": .oneOf(MemberAPI.activityKinds), "amount": .integer, "detail": .string(maxLength: 1000),
                       "at": .anyValue.described("epoch seconds or an ISO 8601 time; now when left out"),
                       "target": .integer.described("the viewed member's UID, for profile_viewed")], required: ["kind"]),
        response: .object(["id": .integer, "member": .integer, "kind": .string, "at": .integer], required: ["id", "member", "kind", "at"]),
        status: 201)
}
