import Foundation

/// The allocation dialog of a list (分配/调配): the target matchmaker and a remark above a ``PagedTable``'s batch buttons,
/// and the check of what was posted. Members' allocation lists and Consult's consultation lists use it.
///
/// Targets are the active staff members whose records of `resource` the user reaches with `action`, as the kernel says.
///
/// ```swift
/// let allocation = BatchAllocation(resource: "consultation", action: "allocate")
/// table.batchFields = try await allocation.fields(req, errors: errors)        // rendering the list
/// let choice = try await allocation.read(req)                                  // handling the post
/// guard let picked = choice.value else { return try await list(req, errors: choice.errors, status: 422) }
/// // … judge and update picked.ids in one transaction, record picked.target and picked.remark
/// ```
public struct BatchAllocation: Sendable {
    /// The resource whose visibility chooses the targets.
    public var resource: String
    /// The action the targets are judged by (e.g. `allocatePresale`, `allocate`).
    public var action: String
    /// The longest remark, in characters.
    public var remarkLimit: Int
    /// The message when no row is ticked (names the records: "请先勾选会员。"); a generic one when nil.
    public var noneSelected: LocalizedText?

    /// Creates the dialog for `resource` and `action`.
    public init(resource: String, action: String, remarkLimit: Int = 200, noneSelected: LocalizedText? = nil) {
        self.resource = resource
        self.action = action
        self.remarkLimit = remarkLimit
        self.noneSelected = noneSelected
    }

    /// A valid post: the ticked ids (deduplicated, sorted), the target and the remark.
    public struct Choice: Sendable, Equatable {
        public var ids: [Int64]
        public var target: StaffSummary
        public var remark: String
    }

    /// What ``read(_:)`` found: a choice, or a message per field (`ids`, `to`, `remark`).
    public struct Outcome: Sendable {
        public var value: Choice?
        public var errors: [String: String]
    }

    /// The active staff the user may allocate to, as the kernel judges `resource`/`action`.
    public func targets(_ req: ModuleRequest) async throws -> [StaffSummary] {
        let visibility = req.access.visibility(resource, action)
        return try await req.host.activeStaff().filter { visibility.includes(owner: $0.id) }
    }

    /// The target select (`to`) and the remark (`remark`), with the posted values and `errors`, for ``PagedTable/batchFields``.
    public func fields(_ req: ModuleRequest, errors: [String: String] = [:]) async throws -> HTML {
        let options = try await targets(req).map { SelectOption(value: String($0.id), label: "\($0.name)（\($0.login)）") }
        let text = Self.text(req.language)
        let fields = [
            FormField(name: "to", label: text.to, kind: .select(options: options, allowEmpty: true), value: req.form["to"], required: true,
                      error: errors["to"]),
            FormField(name: "remark", label: text.remark, value: req.form["remark"], error: errors["remark"], maxLength: remarkLimit,
                      placeholder: text.remarkHint),
        ]
        return HTML.join(fields.map { $0.render(strings: req.uiStrings) })
    }

    /// Reads `ids`, `to` and `remark` from the posted form: the target must be one of ``targets(_:)``.
    /// Judging each id (visibility, state) stays with the caller, which knows its records.
    public func read(_ req: ModuleRequest) async throws -> Outcome {
        let text = Self.text(req.language)
        let ids = Array(Set(req.form.all("ids").compactMap { Int64($0) })).sorted()
        var errors: [String: String] = [:]
        if ids.isEmpty { errors["ids"] = noneSelected.map { req.t($0) } ?? text.noneSelected }
        let candidates = try await targets(req)
        let chosen = Int64(req.form["to"]).flatMap { id in candidates.first { $0.id == id } }
        if req.form["to"].isEmpty { errors["to"] = text.chooseTarget } else if chosen == nil { errors["to"] = text.badTarget }
        let remark = req.form["remark"]
        if remark.count > remarkLimit {
            errors["remark"] = text.remarkLong.replacingOccurrences(of: "{n}", with: String(remarkLimit))
        }
        guard errors.isEmpty, let chosen else { return Outcome(value: nil, errors: errors) }
        return Outcome(value: Choice(ids: ids, target: chosen, remark: remark), errors: [:])
    }

    /// The message about the ticked rows (`errors["ids"]`) as an alert above the list; empty without one.
    public static func summary(_ errors: [String: String]) -> HTML {
        errors["ids"].map { HTML(raw: "<div class=\"flash error\" role=\"alert\">\(escapeHTML($0))</div>") } ?? .empty
    }

    struct Text {
        let to, remark, remarkHint, noneSelected, chooseTarget, badTarget, remarkLong: String
    }

    static func text(_ language: Language) -> Text {
        language == .en
            ? Text(to: "Matchmaker", remark: "Remark", remarkHint: "Why the records are (re)allocated", noneSelected: "Select at least one record.",
                   chooseTarget: "Choose a matchmaker.", badTarget: "Choose an active matchmaker you can see.",
                   remarkLong: "The remark must be at most {n} characters.")
            : Text(to: "负责红娘", remark: "备注说明", remarkHint: "填写分配、调配原因等", noneSelected: "请先勾选记录。",
                   chooseTarget: "请选择负责红娘。", badTarget: "只能分配给您可见的在职红娘。", remarkLong: "备注不能超过 {n} 个字符。")
    }
}
