import PluginAPI

extension MemberOverview {
    /// The overview's "change customer status" button and its dialog, posting to `<base>/<member>/status` (mounted by
    /// ``registerStatusChange(_:)``); shown only when the kernel allows editing the member.
    public static func statusAction(_ req: ModuleRequest, _ member: MemberRecord) async throws -> HTML {
        guard MemberDirectory.allows(req, member, "edit") else { return .empty }
        let options = try await MemberDirectory.customerStatusOptions(req)
        let form = FormView(action: "\(req.base)/\(member.id)/status", csrfToken: req.csrfToken, fields: [
            FormField(name: "customer_status", label: req.t("head.status"), kind: .select(options: options, allowEmpty: false),
                      value: member.customerStatus, required: true),
        ], submitLabel: req.t("action.save"))
        return Modal.trigger(id: "status-modal", label: req.t("action.status"), fallbackHref: "\(req.base)/\(member.id)#status-modal")
            + Modal(id: "status-modal", title: req.t("action.status"), body: form.render(strings: req.uiStrings)).render(strings: req.uiStrings)
    }

    /// Mounts `POST <base>/<member>/status` behind the module's workbench: the kernel decides editing the member.
    public static func registerStatusChange(_ routes: inout RouteCollector) throws {
        try routes.post("/:id/status", .requires("workbench", "view")) { req in
            let id = try req.id()
            do {
                try await MemberDirectory.setCustomerStatus(req, memberID: id, status: req.form["customer_status"])
            } catch let error as ModuleError where !error.fieldErrors.isEmpty {
                return .redirect("\(req.base)/\(id)", flash: .error(error.fieldErrors.values.sorted().joined(separator: " ")))
            }
            return .redirect("\(req.base)/\(id)", flash: .success(req.t("status.saved")))
        }
    }

    /// The "send a message" button, to the module's ``MemberMessageForm`` (with `message.send`).
    public static func messageAction(_ req: ModuleRequest, _ member: MemberRecord) -> HTML {
        req.access.isGranted("message", "send") ? HTML.link(req.t("action.message"), href: "\(req.base)/\(member.id)/message", class: "btn") : .empty
    }

    /// The "enter a contract" button (a renewal once the member has a contract: the contract form decides the kind), to
    /// Contracts' form with a way back to this overview; shown with `contract.add` while Contracts is on.
    public static func contractAction(_ req: ModuleRequest, _ member: MemberRecord) -> HTML {
        guard req.host.isEnabled("contracts"), req.access.forModule("contracts").isGranted("contract", "add") else { return .empty }
        let url = QueryItem.url("/m/contracts/new", [QueryItem("member", String(member.id)), QueryItem("_return", "\(req.base)/\(member.id)")])
        return HTML.link(req.t(member.signed ? "action.renewal" : "action.contract"), href: url, class: "btn primary")
    }

    /// The labels of the actions, to merge into the using module's catalogue.
    public static let actionMessages: MessageCatalog = {
        var catalog = MessageCatalog()
        let entries: [(String, String, String)] = [
            ("action.status", "修改客户状态", "Change customer status"),
            ("action.contract", "录入合同", "Enter a contract"),
            ("action.renewal", "录入续签合同", "Enter a renewal contract"),
            ("status.saved", "已修改客户状态。", "Customer status changed."),
        ]
        for (key, zh, en) in entries { catalog.add(key, zh: zh, en: en) }
        return catalog
    }()
}
