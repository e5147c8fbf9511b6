import PluginAPI

/// Sending one member an e-mail, a text message or a message on the member site, through the host's outbox: the message
/// is queued in the same transaction as its audit entry and sent (with retries) by the host's worker. A component of the
/// member overviews: a module mounts it under its own `message.send` permission (PreSale, AfterSale) and merges
/// ``messages`` into its catalogue. A member who opted out (``MemberRecord/optOut``) is refused with a message.
public struct MemberMessageForm: Sendable {
    static let channels: [OutboxChannel] = [.email, .sms, .internal]

    public init() {}

    /// Mounts `<base>/<member>/message` (GET the form, POST to send), both requiring the module's `message.send`.
    public func register(_ routes: inout RouteCollector) throws {
        try routes.get("/:id/message", .requires("message", "send"), form)
        try routes.post("/:id/message", .requires("message", "send"), send)
    }

    func page(_ req: ModuleRequest, _ member: MemberRecord, values: FormData, errors: [String: String], status: Int = 200) -> ModuleResponse {
        let options = Self.channels.map { SelectOption(value: $0.rawValue, label: req.t("message.channel.\($0.rawValue)")) }
        let form = FormView(action: "\(req.base)/\(member.id)/message", csrfToken: req.csrfToken, fields: [
            FormField(name: "channel", label: req.t("message.channel"), kind: .radio(options: options),
                      value: values["channel"].isEmpty ? "internal" : values["channel"], required: true, error: errors["channel"]),
            FormField(name: "subject", label: req.t("message.subject"), value: values["subject"], error: errors["subject"],
                      help: req.t("message.subjectHelp"), maxLength: 100),
            FormField(name: "body", label: req.t("message.body"), kind: .textarea(rows: 5), value: values["body"], required: true,
                      error: errors["body"], maxLength: 1000),
        ], submitLabel: req.t("message.send"), cancelHref: "\(req.base)/\(member.id)",
           formError: errors.isEmpty ? nil : req.uiStrings.formHasErrors, id: "message-form")
        return .page(title: "\(req.t("action.message")) · \(member.username)",
                     body: HTML.element("section", ["class": "card"], form.render(strings: req.uiStrings)), status: status)
    }

    @Sendable func form(_ req: ModuleRequest) async throws -> ModuleResponse {
        page(req, try await MemberDirectory.load(req, id: try req.id()), values: FormData(), errors: [:])
    }

    @Sendable func send(_ req: ModuleRequest) async throws -> ModuleResponse {
        let member = try await MemberDirectory.load(req, id: try req.id())
        let form = req.form
        var v = Validator(language: req.language)
        MessageTemplate.validate(form, &v, labels: (req.t("message.channel"), req.t("message.subject"), req.t("message.body")))
        let channel = OutboxChannel(rawValue: form["channel"])
        let recipient = channel.map { MemberDirectory.address(of: member, on: $0) } ?? ""
        if member.optOut { v.add("channel", req.t("message.optedOut")) }
        else if channel != nil, recipient.isEmpty { v.add("channel", req.t("message.noAddress.\(form["channel"])")) }
        guard v.isValid, let channel else { return page(req, member, values: form, errors: v.errors, status: 422) }
        let message = OutboxMessage(channel: channel, recipient: recipient, subject: form["subject"], body: form["body"], module: req.moduleID,
                                    reference: "member:\(member.id)")
        try await req.transaction { tx in
            let id = try await tx.enqueue(message)
            try await tx.audit(AuditEntry(module: req.moduleID, action: "message.queue", target: "member:\(member.id)",
                                          after: "outbox:\(id) \(channel.rawValue)"))
        }
        return .redirect("\(req.base)/\(member.id)", flash: .success(req.t("message.queued")))
    }

    /// The labels of the form, to merge into the using module's catalogue.
    public static let messages: MessageCatalog = {
        var catalog = MessageCatalog()
        let entries: [(String, String, String)] = [
            ("action.message", "发送消息", "Send a message"),
            ("message.channel", "发送方式", "Send by"),
            ("message.channel.email", "邮件", "E-mail"),
            ("message.channel.sms", "短信", "Text message"),
            ("message.channel.internal", "站内信", "Site message"),
            ("message.subject", "标题", "Subject"),
            ("message.subjectHelp", "邮件和站内信须填写标题", "Needed for e-mail and site messages"),
            ("message.body", "内容", "Message"),
            ("message.send", "发送", "Send"),
            ("message.queued", "消息已加入发送队列。", "The message is queued for sending."),
            ("message.optedOut", "该会员已退订消息，不能给他/她发送。", "This member opted out of messages."),
            ("message.noAddress.email", "该会员没有邮箱地址。", "The member has no e-mail address."),
            ("message.noAddress.sms", "该会员没有手机号。", "The member has no mobile number."),
        ]
        for (key, zh, en) in entries { catalog.add(key, zh: zh, en: en) }
        return catalog
    }()
}
