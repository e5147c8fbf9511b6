import Foundation

/// A list table with sortable headers, row actions, optional batch actions and pagination.
///
/// ```swift
/// let table = PagedTable(
///     columns: [TableColumn(key: "name", label: "姓名", sortable: true),
///               TableColumn(key: "age", label: "年龄", sortable: true, numeric: true)],
///     rows: members.map { m in
///         TableRow(id: m.id, cells: [.link(m.name, href: "/members/\(m.id)"), .text(String(m.age))],
///                  actions: [RowAction(label: "编辑", href: "/members/\(m.id)/edit")])
///     },
///     page: PageInfo(page: 2, pageSize: 20, total: 1234),
///     baseURL: "/members", query: [("gender", "f")], sort: "age", sortDescending: true,
///     batchActions: [BatchAction(label: "批量分配", action: "/members/allocate")],
///     csrfToken: token)
/// table.render(strings: strings)
/// ```
///
/// With batch actions the table sits in a `<form method="post" class="batch-form">`: a select-all
/// checkbox (`data-select-all`) heads the first column, every row has `<input type="checkbox" name="ids">`,
/// and the bar above holds one submit button per action (`formaction`, `data-confirm`, `data-batch`).
/// POST row actions use detached forms after the table (buttons with `form="…"`), so forms never nest.
/// Sorting and paging links keep ``query``; `page`, `sort` and `dir` in it are replaced.
public struct PagedTable: Sendable {
    /// The columns, in order.
    public var columns: [TableColumn]
    /// The rows of the current page.
    public var rows: [TableRow]
    /// Paging state.
    public var page: PageInfo
    /// The list URL path.
    public var baseURL: String
    /// The current filters, kept in paging and sorting links.
    public var query: [(String, String)]
    /// The active sort key, if any.
    public var sort: String?
    /// Whether the active sort is descending.
    public var sortDescending: Bool
    /// Batch actions; none means no checkboxes and no batch form.
    public var batchActions: [BatchAction]
    /// The session's CSRF token for batch and POST row actions.
    public var csrfToken: String
    /// A DOM id prefix, unique per page when several tables are shown together.
    public var id: String
    /// Extra controls submitted with every batch action (e.g. the allocation target and remark), shown above the batch buttons.
    public var batchFields: HTML = .empty

    /// Creates a table.
    /// - Parameters:
    ///   - columns: The columns.
    ///   - rows: The rows of the current page.
    ///   - page: Paging state.
    ///   - baseURL: The list URL path.
    ///   - query: The current filters as name/value pairs.
    ///   - sort: The active sort key.
    ///   - sortDescending: Whether the active sort is descending.
    ///   - batchActions: Batch actions.
    ///   - csrfToken: The session's CSRF token.
    ///   - id: A DOM id prefix; `"list"` by default.
    public init(
        columns: [TableColumn], rows: [TableRow], page: PageInfo, baseURL: String,
        query: [(String, String)] = [], sort: String? = nil, sortDescending: Bool = false,
        batchActions: [BatchAction] = [], csrfToken: String = "", id: String = "list"
    ) {
        self.columns = columns
        self.rows = rows
        self.page = page
        self.baseURL = baseURL
        self.query = query
        self.sort = sort
        self.sortDescending = sortDescending
        self.batchActions = batchActions
        self.csrfToken = csrfToken
        self.id = id
    }

    /// Creates a table from ``QueryItem`` filters; otherwise identical to the tuple-based initialiser.
    @_disfavoredOverload
    public init(
        columns: [TableColumn], rows: [TableRow], page: PageInfo, baseURL: String,
        query: [QueryItem], sort: String? = nil, sortDescending: Bool = false,
        batchActions: [BatchAction] = [], csrfToken: String = "", id: String = "list"
    ) {
        self.init(columns: columns, rows: rows, page: page, baseURL: baseURL,
                  query: query.map { ($0.name, $0.value) }, sort: sort, sortDescending: sortDescending,
                  batchActions: batchActions, csrfToken: csrfToken, id: id)
    }

    /// Renders the batch form (if any), the table and the pagination.
    /// - Parameter strings: The localised fixed strings.
    public func render(strings: UIStrings) -> HTML {
        let prefix = UIMarkup.domID(id)
        var detached: [HTML] = []
        let table = renderTable(strings: strings, prefix: prefix, detached: &detached)
        var out = HTML(raw: "<div class=\"paged-table\" id=\"\(escapeAttr(prefix))\">")
        if batchActions.isEmpty {
            out += table
        } else {
            var form = MarkupAttributes()
            form.set("method", "post")
            form.set("action", UIMarkup.safeURL(batchActions[0].action))
            form.set("class", "batch-form")
            out += UIMarkup.element("form", form, UIMarkup.csrf(csrfToken) + (batchFields.raw.isEmpty ? HTML.empty : HTML(raw: "<div class=\"batch-fields\">") + batchFields + HTML(raw: "</div>")) + batchBar(strings: strings) + table)
        }
        out += .join(detached)
        out += renderPagination(strings: strings)
        return out + HTML(raw: "</div>")
    }

    /// The URL of another page, keeping filters and sort.
    /// - Parameter number: The page number (1-based).
    public func pageURL(_ number: Int) -> String {
        QueryItem.url(baseURL, keptQuery + sortItems + [QueryItem("page", String(number))])
    }

    /// The URL a column header links to: ascending, or descending when already sorted ascending by `key`.
    /// Sorting goes back to page 1.
    /// - Parameter key: The column's sort key.
    public func sortURL(for key: String) -> String {
        let descending = sort == key && !sortDescending
        return QueryItem.url(baseURL, keptQuery + [QueryItem("sort", key), QueryItem("dir", descending ? "desc" : "asc")])
    }

    // MARK: - Pieces

    /// The filters without the parameters this table sets itself.
    var keptQuery: [QueryItem] {
        query.filter { !["page", "sort", "dir"].contains($0.0) }.map { QueryItem($0.0, $0.1) }
    }

    private var sortItems: [QueryItem] {
        guard let sort, !sort.isEmpty else { return [] }
        return [QueryItem("sort", sort), QueryItem("dir", sortDescending ? "desc" : "asc")]
    }

    private func batchBar(strings: UIStrings) -> HTML {
        var buttons: [HTML] = []
        for action in batchActions {
            var attrs = MarkupAttributes()
            attrs.set("type", "submit")
            attrs.set("class", action.danger ? "btn small danger" : "btn small")
            attrs.set("formaction", UIMarkup.safeURL(action.action))
            attrs.flag("data-batch", true)
            if let confirm = action.confirm { attrs.set("data-confirm", confirm) }
            buttons.append(UIMarkup.element("button", attrs, .text(action.label)))
        }
        return HTML(raw: "<div class=\"batch-bar\" role=\"toolbar\" aria-label=\"\(escapeAttr(strings.batchActions))\">"
            + "<span class=\"batch-label\">\(escapeHTML(strings.batchActions))</span> ")
            + .join(buttons, separator: HTML(raw: " ")) + HTML(raw: "</div>")
    }

    private func renderTable(strings: UIStrings, prefix: String, detached: inout [HTML]) -> HTML {
        let hasBatch = !batchActions.isEmpty
        let hasActions = rows.contains { !$0.actions.isEmpty }
        var head = "<thead><tr>"
        if hasBatch {
            head += "<th class=\"col-check\" scope=\"col\"><input type=\"checkbox\" data-select-all aria-label=\"\(escapeAttr(strings.selectAll))\"></th>"
        }
        for column in columns {
            head += headerCell(column).raw
        }
        if hasActions {
            head += "<th class=\"col-actions\" scope=\"col\">\(escapeHTML(strings.actions))</th>"
        }
        head += "</tr></thead>"

        var body = "<tbody>"
        if rows.isEmpty {
            let span = columns.count + (hasBatch ? 1 : 0) + (hasActions ? 1 : 0)
            body += "<tr class=\"empty\"><td colspan=\"\(max(1, span))\">\(escapeHTML(strings.noRows))</td></tr>"
        }
        for (rowIndex, row) in rows.enumerated() {
            body += "<tr>"
            if hasBatch {
                body += "<td class=\"col-check\"><input type=\"checkbox\" name=\"ids\" value=\"\(escapeAttr(row.id))\" aria-label=\"\(escapeAttr(strings.selectRow))\"></td>"
            }
            for (index, column) in columns.enumerated() {
                let cell = index < row.cells.count ? row.cells[index].raw : ""
                body += column.numeric ? "<td class=\"num\">\(cell)</td>" : "<td>\(cell)</td>"
            }
            if hasActions {
                var actions: [HTML] = []
                for (actionIndex, action) in row.actions.enumerated() {
                    if action.isPost {
                        let formID = "\(prefix)-ra-\(rowIndex)-\(actionIndex)"
                        detached.append(action.renderDetachedForm(id: formID, csrfToken: csrfToken))
                        actions.append(action.renderButton(formID: formID))
                    } else {
                        actions.append(action.renderLink())
                    }
                }
                body += "<td class=\"col-actions\">" + HTML.join(actions, separator: HTML(raw: " ")).raw + "</td>"
            }
            body += "</tr>"
        }
        body += "</tbody>"
        return HTML(raw: "<div class=\"table-wrap\"><table class=\"data-table\">\(head)\(body)</table></div>")
    }

    private func headerCell(_ column: TableColumn) -> HTML {
        var attrs = MarkupAttributes()
        attrs.set("scope", "col")
        if column.numeric { attrs.set("class", "num") }
        guard column.sortable else { return UIMarkup.element("th", attrs, .text(column.label)) }
        let active = sort == column.key
        if active { attrs.set("aria-sort", sortDescending ? "descending" : "ascending") }
        attrs.addClass(active ? "sortable sorted" : "sortable")
        let indicator = active ? (sortDescending ? "▼" : "▲") : "↕"
        let link = HTML(raw: "<a href=\"\(escapeAttr(sortURL(for: column.key)))\">\(escapeHTML(column.label))"
            + "<span class=\"sort-ind\" aria-hidden=\"true\">\(indicator)</span></a>")
        return UIMarkup.element("th", attrs, link)
    }
}
