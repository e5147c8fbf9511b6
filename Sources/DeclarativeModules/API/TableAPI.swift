import PluginAPI
import SQLKit

/// The JSON API of one declarative table under `/api/<module>/<table>`: the paged, filtered list, one record, create,
/// update (fields left out keep their values) and delete — judged by the same kernel rules as the pages.
///
/// Values on the wire: text, date (`yyyy-MM-dd`) and dictionary codes as strings; integers, money (fen), datetimes
/// (epoch seconds), member UIDs and staff ids as numbers; booleans as true/false.
struct TableAPI: Sendable {
    let context: TableContext

    private var access: TableAccess { TableAccess(context: context) }

    func register(_ routes: inout RouteCollector) throws {
        let t = "/\(context.table.id)"
        let resource = context.resource
        let docs = TableAPIDocs(context: context)
        try routes.api(.get, t, .requires(resource, "view"), doc: docs.list, list)
        try routes.api(.get, "\(t)/:id", .requires(resource, "view"), doc: docs.one, one)
        try routes.api(.post, t, .requires(resource, "add"), doc: docs.create, create)
        try routes.api(.put, "\(t)/:id", .requires(resource, "edit"), doc: docs.update, update)
        try routes.api(.delete, "\(t)/:id", .requires(resource, "delete"), doc: docs.delete, delete)
    }

    struct ListBody: Encodable {
        let items: [[String: JSONScalar]]
        let page: Int
        let page_size: Int
        let total: Int
        let total_capped: Bool
    }

    @Sendable func list(_ req: ModuleRequest) async throws -> ModuleResponse {
        let site = req.site
        let query = TableSearch(req: req, context: context, timeZone: site.timeZone).listQuery()
        let sortable = ["id", "created_at", "updated_at"] + context.table.fields.map(\.id)
        let params = ListParams(query: req.query, pageSize: min(req.query.int("page_size") ?? 20, 200), sortable: sortable, defaultSort: "id")
        let sortColumn = context.table.field(params.sort).map { context.table.column(of: $0) } ?? params.sort
        let (total, capped) = try await query.count(req.db)
        let records = try await RecordStore(context: context).page(query, db: req.db, sort: sortColumn, descending: params.descending,
                                                                   limit: params.pageSize, offset: params.offset)
        return try .json(ListBody(items: records.map { $0.json(context.table) }, page: params.page, page_size: params.pageSize,
                                  total: total, total_capped: capped))
    }

    @Sendable func one(_ req: ModuleRequest) async throws -> ModuleResponse {
        try .json(try await access.load(req, "view").json(context.table))
    }

    @Sendable func create(_ req: ModuleRequest) async throws -> ModuleResponse {
        let site = req.site
        let input = try RecordInput(json: req.body, table: context.table, existing: nil, invalid: req.t("rule.json"), unknown: req.t("rule.unknownKey"))
        switch try await RecordWriter(req: req, context: context, timeZone: site.timeZone).create(input) {
        case .failure(let errors): throw ModuleError.validation(errors)
        case .success(let record): return try .json(record.json(context.table), status: 201)
        }
    }

    @Sendable func update(_ req: ModuleRequest) async throws -> ModuleResponse {
        let record = try await access.load(req, "edit")
        let site = req.site
        let input = try RecordInput(json: req.body, table: context.table, existing: record, invalid: req.t("rule.json"), unknown: req.t("rule.unknownKey"))
        switch try await RecordWriter(req: req, context: context, timeZone: site.timeZone).update(record, input) {
        case .failure(let errors): throw ModuleError.validation(errors)
        case .success(let updated): return try .json(updated.json(context.table))
        }
    }

    @Sendable func delete(_ req: ModuleRequest) async throws -> ModuleResponse {
        let record = try await access.load(req, "delete")
        try await RecordWriter(req: req, context: context, timeZone: "").delete(record)
        return try .json(["deleted": record.id])
    }
}
