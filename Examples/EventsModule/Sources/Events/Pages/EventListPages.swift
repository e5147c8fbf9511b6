import Foundation
import PluginAPI
import SQLKit

/// The event list (search by title or venue, paged and sorted in SQL) and the dashboard card.
struct EventListPages: Sendable {
    func register(_ routes: inout RouteCollector) throws {
        try routes.get("/", .requires("event", "view"), list)
    }

    /// The events visible to the user matching `q`, one page of them.
    static func search(_ req: ModuleRequest) async throws -> (events: [MixerEvent], page: PageInfo, params: ListParams) {
        let params = ListParams(query: req.query, pageSize: req.settings.int("page_size", 20), sortable: ["starts_at", "title", "capacity"],
                                defaultSort: "starts_at", defaultDescending: false)
        var list = ListQuery(table: "events_event")
        list.filter(req.access.ownerPredicate("event"))
        list.search(["title", "venue"], contains: req.query["q"])
        let (total, capped) = try await list.count(req.db)
        let events = try await list.fetch(req.db, columns: MixerEvent.columns.map { SQLColumn($0) }, as: MixerEvent.self,
                                          sort: SQLColumn(params.sort), descending: params.descending,
                                          limit: params.pageSize, offset: params.offset)
        return (events, PageInfo(page: params.page, pageSize: params.pageSize, total: total, totalIsCapped: capped), params)
    }

    @Sendable func list(_ req: ModuleRequest) async throws -> ModuleResponse {
        let (events, page, params) = try await Self.search(req)
        let zone = try await req.host.site.all().timeZone
        let table = PagedTable(
            columns: [TableColumn(key: "title", label: req.t("field.title"), sortable: true),
                      TableColumn(key: "venue", label: req.t("field.venue")),
                      TableColumn(key: "starts_at", label: req.t("field.starts_at"), sortable: true),
                      TableColumn(key: "capacity", label: "\(req.t("field.signed_up")) / \(req.t("field.capacity"))", sortable: true, numeric: true)],
            rows: events.map { event in
                TableRow(id: String(event.id), cells: [HTML.link(event.title, href: "\(req.base)/\(event.id)"), .text(event.venue),
                                                       .text(AgencyTime.format(event.starts_at, timeZone: zone)),
                                                       .text("\(event.signed_up) / \(event.capacity)")])
            },
            page: page, baseURL: req.base, query: req.query["q"].isEmpty ? [] : [("q", req.query["q"])],
            sort: params.sort, sortDescending: params.descending, csrfToken: req.csrfToken)
        let search = SearchForm(action: req.base, fields: [FormField(name: "q", label: req.t("search"), value: req.query["q"])])
        let toolbar = req.access.isGranted("event", "add") ? HTML.link(req.t("new"), href: "\(req.base)/new", class: "button") : .empty
        return .page(title: req.t("list.title"), body: search.render(strings: req.uiStrings) + table.render(strings: req.uiStrings),
                     toolbar: toolbar)
    }

    /// The next three events the user may see.
    static func widget(_ req: ModuleRequest) async throws -> HTML {
        var list = ListQuery(table: "events_event")
        list.filter(req.access.ownerPredicate("event"))
        list.filter("starts_at", .greaterThanOrEqual, Int64(Date().timeIntervalSince1970))
        let next = try await list.fetch(req.db, columns: MixerEvent.columns.map { SQLColumn($0) }, as: MixerEvent.self,
                                        sort: SQLColumn("starts_at"), descending: false, limit: 3, offset: 0)
        guard !next.isEmpty else { return .text(req.t("widget.none")) }
        let zone = try await req.host.site.all().timeZone
        return HTML(raw: "<ul>") + HTML.join(next.map { event in
            HTML(raw: "<li>") + HTML.link(event.title, href: "\(req.base)/\(event.id)")
                + HTML.text(" · \(AgencyTime.format(event.starts_at, timeZone: zone)) · \(event.signed_up)/\(event.capacity)") + HTML(raw: "</li>")
        }) + HTML(raw: "</ul>")
    }
}
