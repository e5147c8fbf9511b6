import Foundation

/// The fixed, localised strings the UI components need.
///
/// Use ``zhCN`` (the default) or ``en``, or pick one with ``forLanguage(_:)``. Properties are
/// variables, so a host can start from a catalogue and override single entries:
///
/// ```swift
/// var strings = UIStrings.forLanguage(request.language)   // "en-GB" → .en, anything else → .zhCN
/// strings.noRows = "还没有会员"
/// table.render(strings: strings)
/// ```
public struct UIStrings: Sendable, Equatable {
    /// Search button of search forms.
    public var search: String
    /// Reset link of search forms.
    public var reset: String
    /// Default submit label.
    public var submit: String
    /// Cancel link of forms.
    public var cancel: String
    /// Accessible label of the select-all checkbox.
    public var selectAll: String
    /// Accessible label of a row checkbox.
    public var selectRow: String
    /// Text of an empty table.
    public var noRows: String
    /// "Previous page" link.
    public var previous: String
    /// "Next page" link.
    public var next: String
    /// "First page" link.
    public var first: String
    /// "Last page" link.
    public var last: String
    /// Page position, two `%d`: current page and page count ("第 %d / %d 页").
    public var pageOfTotal: String
    /// Row count, one `%@`: the already formatted count ("共 %@ 条").
    public var totalRows: String
    /// Default confirmation for deletions.
    public var confirmDelete: String
    /// Marker / accessible text for required fields.
    public var required: String
    /// Label of the batch-action bar.
    public var batchActions: String
    /// Header of the row-actions column.
    public var actions: String
    /// Accessible label of the pagination navigation.
    public var pagination: String
    /// Empty first option of single selects ("请选择").
    public var choose: String
    /// Word between the two inputs of a range field ("至").
    public var rangeSeparator: String
    /// Close button of modals and flash messages.
    public var close: String
    /// Accessible label of breadcrumbs.
    public var breadcrumbs: String
    /// Summary shown above a form whose fields have errors but no form error was given.
    public var formHasErrors: String
    /// Shown next to a file input when a file is already stored.
    public var currentFile: String

    /// Simplified Chinese (the default language).
    public static let zhCN = UIStrings(
        search: "搜索", reset: "重置", submit: "提交", cancel: "取消",
        selectAll: "全选", selectRow: "选择此行", noRows: "暂无数据",
        previous: "上一页", next: "下一页", first: "首页", last: "末页",
        pageOfTotal: "第 %d / %d 页", totalRows: "共 %@ 条",
        confirmDelete: "确定要删除吗？此操作不可撤销。", required: "必填",
        batchActions: "批量操作", actions: "操作", pagination: "分页",
        choose: "请选择", rangeSeparator: "至", close: "关闭",
        breadcrumbs: "当前位置", formHasErrors: "提交的内容有误，请检查标红的项目。",
        currentFile: "当前文件"
    )

    /// English.
    public static let en = UIStrings(
        search: "Search", reset: "Reset", submit: "Submit", cancel: "Cancel",
        selectAll: "Select all", selectRow: "Select row", noRows: "No records found",
        previous: "Previous", next: "Next", first: "First", last: "Last",
        pageOfTotal: "Page %d of %d", totalRows: "%@ rows",
        confirmDelete: "Delete this record? This cannot be undone.", required: "Required",
        batchActions: "Batch actions", actions: "Actions", pagination: "Pagination",
        choose: "Please choose", rangeSeparator: "to", close: "Close",
        breadcrumbs: "You are here", formHasErrors: "Please correct the fields marked in red.",
        currentFile: "Current file"
    )

    /// The catalogue for a language code: codes starting with `en` give ``en``, anything else ``zhCN``.
    /// - Parameter code: A language tag such as `"zh-CN"`, `"en"`, `"en-US"`.
    public static func forLanguage(_ code: String) -> UIStrings {
        code.lowercased().hasPrefix("en") ? .en : .zhCN
    }

    /// ``pageOfTotal`` filled in: `"第 3 / 10 页"`.
    /// - Parameters:
    ///   - page: The current page (1-based).
    ///   - count: The number of pages.
    public func formatPageOfTotal(_ page: Int, _ count: Int) -> String {
        UIMarkup.fill(pageOfTotal, [String(page), String(count)])
    }

    /// ``totalRows`` filled in with a grouped count, `"10,000+"` when capped: `"共 1,234 条"`.
    /// - Parameters:
    ///   - total: The counted rows.
    ///   - capped: Whether counting stopped at `total`.
    public func formatTotalRows(_ total: Int, capped: Bool = false) -> String {
        UIMarkup.fill(totalRows, [UIFormat.grouped(total) + (capped ? "+" : "")])
    }
}
