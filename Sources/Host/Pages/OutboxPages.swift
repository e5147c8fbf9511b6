import PluginAPI
import SQLKit

/// 通知发件箱: every queued e-mail, SMS and internal message, newest first, with its state and last error;
/// a failed or waiting message can be sent again now.
struct OutboxPages: Sendable {
    let deps: CoreModule.Deps

    func register(_ routes: inout RouteCollector) throws {
        try routes.get("/outbox", .requires("outbox", "view"), list)
        try routes.post("/outbox/:id/retry", .requires("outbox", "retry"), retry)
    }

    struct Row: Decodable, Sendable {
        let id: Int64; let channel: String; let recipient: String; let subject: String; let module: String; let reference: String
        let status: String; let attempts: Int; let next_attempt_at: Int64; let last_error: String; let created_at: Int64; let sent_at: Int64?
    }

    static let columns = ["id", "channel", "recipient", "subject", "module", "reference", "status", "attempts", "next_attempt_at",
                          "last_error", "created_at", "sent_at"].map { SQLColumn($0) }
    static let filters = ["status", "channel", "q"]

    func query(_ req: ModuleRequest) -> ListQuery {
        var list = ListQuery(table: "core_outbox")
        if OutboxStatus(rawValue: req.query["status"]) != nil { list.filter("status", .equal, req.query["status"]) }
        if OutboxChannel(rawValue: req.query["channel"]) != nil { list.filter("channel", .equal, req.query["channel"]) }
        list.search(["recipient", "subject", "reference"], contains: req.query["q"])
        return list
    }

    @Sendable func list(_ req: ModuleRequest) async throws -> ModuleResponse {
        let site = req.site
        let params = ListParams(query: req.query, pageSize: 50, sortable: ["id"], defaultSort: "id")
        let list = query(req)
        let (total, capped) = try await list.count(req.db)
        let rows = try await list.fetch(req.db, columns: Self.columns, as: Row.self, sort: SQLColumn("id"), descending: params.descending,
                                        limit: params.pageSize, offset: params.offset)
        let canRetry = req.access.isGranted("outbox", "retry")
        let time = { (epoch: Int64?) in TimeFormat.dateTime(epoch, timeZone: site.timeZone) }
        let search = SearchForm(action: "\(req.base)/outbox", fields: [
            FormField(name: "status", label: req.t("core.outbox.status"),
                      kind: .select(options: OutboxStatus.allCases.map { SelectOption(value: $0.rawValue, label: statusLabel($0.rawValue, req)) },
                                    allowEmpty: true), value: req.query["status"]),
            FormField(name: "channel", label: req.t("core.outbox.channel"),
                      kind: .select(options: OutboxChannel.allCases.map { SelectOption(value: $0.rawValue, label: channelLabel($0.rawValue, req)) },
                                    allowEmpty: true), value: req.query["channel"]),
            FormField(name: "q", label: req.t("core.outbox.keyword"), value: req.query["q"], placeholder: req.t("core.outbox.keywordHint")),
        ])
        let table = PagedTable(
            columns: [TableColumn(key: "created", label: req.t("core.outbox.created")), TableColumn(key: "channel", label: req.t("core.outbox.channel")),
                      TableColumn(key: "recipient", label: req.t("core.outbox.recipient")), TableColumn(key: "subject", label: req.t("core.outbox.subject")),
                      TableColumn(key: "status", label: req.t("core.outbox.status")),
                      TableColumn(key: "attempts", label: req.t("core.outbox.attempts"), numeric: true),
                      TableColumn(key: "next", label: req.t("core.outbox.nextAttempt")), TableColumn(key: "error", label: req.t("core.outbox.lastError"))],
            rows: rows.map { row in
                let origin = [row.module, row.reference].filter { !$0.isEmpty }.joined(separator: " · ")
                let sent = row.sent_at.map { HTML(raw: "<br><span class=\"muted\">") + .text(time($0)) + HTML(raw: "</span>") } ?? .empty
                var actions: [RowAction] = []
                if canRetry, row.status == OutboxStatus.failed.rawValue || row.status == OutboxStatus.pending.rawValue {
                    actions.append(RowAction(label: req.t("core.outbox.retry"), href: "\(req.base)/outbox/\(row.id)/retry", method: "post",
                                             confirm: req.t("core.outbox.confirmRetry")))
                }
                return TableRow(id: String(row.id), cells: [
                    .text(time(row.created_at)), .text(channelLabel(row.channel, req)), .text(row.recipient),
                    .text(row.subject.isEmpty ? "—" : row.subject) + HTML(raw: "<br><span class=\"muted\">") + .text(origin) + HTML(raw: "</span>"),
                    statusBadge(row.status, req) + sent, .text(String(row.attempts)),
                    .text(row.status == OutboxStatus.pending.rawValue ? time(row.next_attempt_at) : "—"),
                    row.last_error.isEmpty ? .empty : HTML(raw: "<code class=\"outbox-error\">") + .text(row.last_error) + HTML(raw: "</code>"),
                ], actions: actions)
            },
            page: PageInfo(page: params.page, pageSize: params.pageSize, total: total, totalIsCapped: capped),
            baseURL: "\(req.base)/outbox",
            query: Self.filters.compactMap { req.query[$0].isEmpty ? nil : QueryItem($0, req.query[$0]) },
            csrfToken: req.csrfToken)
        let summary = try await summary(req)
        return .page(title: req.t("core.outbox.title"), body: summary + search.render(strings: req.uiStrings) + table.render(strings: req.uiStrings))
    }

    /// Counts per status, each a link to the filtered list.
    func summary(_ req: ModuleRequest) async throws -> HTML {
        struct Count: Decodable { let status: String; let n: Int }
        let counts = try await req.db.select().column("status").column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n")
            .from("core_outbox").groupBy("status").all(decoding: Count.self)
        let byStatus = Dictionary(counts.map { ($0.status, $0.n) }, uniquingKeysWith: +)
        let links = OutboxStatus.allCases.map { status in
            HTML.link("\(statusLabel(status.rawValue, req)) \(byStatus[status.rawValue] ?? 0)", href: "\(req.base)/outbox?status=\(status.rawValue)", class: "btn small")
        }
        return HTML(raw: "<p class=\"outbox-summary\">") + .join(links, separator: HTML(raw: " ")) + HTML(raw: "</p>")
    }

    func statusLabel(_ status: String, _ req: ModuleRequest) -> String {
        OutboxStatus(rawValue: status) == nil ? status : req.t("core.outbox.status.\(status)")
    }

    func channelLabel(_ channel: String, _ req: ModuleRequest) -> String {
        OutboxChannel(rawValue: channel) == nil ? channel : req.t("core.outbox.channel.\(channel)")
    }

    func statusBadge(_ status: String, _ req: ModuleRequest) -> HTML {
        let kind: Badge.Kind = switch OutboxStatus(rawValue: status) {
        case .sent: .ok
        case .failed: .danger
        case .pending: .warn
        case .sending, nil: .plain
        }
        return Badge(text: statusLabel(status, req), kind: kind).render()
    }

    @Sendable func retry(_ req: ModuleRequest) async throws -> ModuleResponse {
        let id = try req.id()
        guard let row = try await req.db.select().columns(Self.columns).from("core_outbox").where("id", .equal, id).first(decoding: Row.self) else {
            throw ModuleError.notFound
        }
        let now = Clock.now()
        let done = try await req.transaction { tx in
            guard try await OutboxStore.retry(id: id, now: now, db: tx.db) else { return false }
            try await tx.audit(AuditEntry(module: "core", action: "outbox.retry", target: "outbox:\(id)",
                                          before: JSONText.encode(["status": row.status, "attempts": String(row.attempts), "last_error": row.last_error]),
                                          after: JSONText.encode(["status": OutboxStatus.pending.rawValue, "attempts": "0"])))
            return true
        }
        let back = "\(req.base)/outbox"
        return done ? .redirect(back, flash: .success(req.t("core.outbox.retried")))
                    : .redirect(back, flash: .error(req.t("core.outbox.notRetryable")))
    }
}
