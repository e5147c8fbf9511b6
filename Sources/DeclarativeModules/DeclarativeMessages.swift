import PluginAPI

/// The message catalogue of a declarative module: its labels from the YAML, plus the fixed strings of the generated pages.
enum DeclarativeMessages {
    static func catalog(for definition: ModuleDefinition) -> MessageCatalog {
        var catalog = MessageCatalog(fixed)
        catalog.add("module.name", zh: definition.name.zh, en: definition.name.en)
        for table in definition.tables {
            catalog.add("table.\(table.id)", zh: table.label.zh, en: table.label.en)
            for field in table.fields {
                catalog.add("field.\(table.id).\(field.id)", zh: field.label.zh, en: field.label.en)
                if let help = field.help { catalog.add("help.\(table.id).\(field.id)", zh: help.zh, en: help.en) }
            }
        }
        return catalog
    }

    /// `{label}` and `{value}` in these are replaced at use.
    static let fixed: [String: LocalizedText] = [
        "ui.new": LocalizedText(zh: "新增", en: "New"),
        "ui.view": LocalizedText(zh: "查看", en: "View"),
        "ui.edit": LocalizedText(zh: "编辑", en: "Edit"),
        "ui.delete": LocalizedText(zh: "删除", en: "Delete"),
        "ui.save": LocalizedText(zh: "保存", en: "Save"),
        "ui.back": LocalizedText(zh: "返回列表", en: "Back to the list"),
        "ui.owner": LocalizedText(zh: "负责人", en: "Owner"),
        "ui.created_at": LocalizedText(zh: "创建时间", en: "Created"),
        "ui.updated_at": LocalizedText(zh: "更新时间", en: "Updated"),
        "ui.yes": LocalizedText(zh: "是", en: "Yes"),
        "ui.no": LocalizedText(zh: "否", en: "No"),
        "ui.from": LocalizedText(zh: "{label}（起）", en: "{label} (from)"),
        "ui.confirm_delete": LocalizedText(zh: "确定删除这条记录吗？删除后无法恢复。", en: "Delete this record? This cannot be undone."),
        "ui.money_help": LocalizedText(zh: "单位：元，最多两位小数", en: "In yuan, at most two decimals"),
        "ui.member_help": LocalizedText(zh: "会员 UID", en: "Member UID"),
        "flash.created": LocalizedText(zh: "已添加。", en: "Added."),
        "flash.saved": LocalizedText(zh: "已保存。", en: "Saved."),
        "flash.deleted": LocalizedText(zh: "已删除。", en: "Deleted."),
        "rule.unique": LocalizedText(zh: "{label}“{value}”已被其他记录使用。", en: "{label} “{value}” is already used by another record."),
        "rule.money": LocalizedText(zh: "{label}须为金额（元），如 128 或 128.50。", en: "{label} must be an amount in yuan, e.g. 128 or 128.50."),
        "rule.date": LocalizedText(zh: "{label}须为日期，格式 yyyy-MM-dd。", en: "{label} must be a date, yyyy-MM-dd."),
        "rule.datetime": LocalizedText(zh: "{label}须为日期时间，格式 yyyy-MM-dd HH:mm。", en: "{label} must be a date and time, yyyy-MM-dd HH:mm."),
        "rule.member": LocalizedText(zh: "{label}：没有您可查看的会员 UID {value}。", en: "{label}: there is no member with UID {value} you may see."),
        "rule.staff": LocalizedText(zh: "{label}：请选择一名在职员工。", en: "{label}: choose an active staff member."),
        "rule.owner": LocalizedText(zh: "{label}：只能选择您可管理的员工。", en: "{label}: choose a staff member whose records you may manage."),
        "rule.integer": LocalizedText(zh: "{label}须为整数。", en: "{label} must be a whole number."),
        "rule.boolean": LocalizedText(zh: "{label}须为是或否。", en: "{label} must be yes or no."),
        "rule.json": LocalizedText(zh: "请求体须为 JSON 对象。", en: "The body must be a JSON object."),
        "rule.unknownKey": LocalizedText(zh: "没有字段 {key}。", en: "There is no field {key}."),
    ]

    /// `template` with `{label}` and `{value}` filled in.
    static func fill(_ template: String, label: String, value: String = "") -> String {
        template.replacingOccurrences(of: "{label}", with: label).replacingOccurrences(of: "{value}", with: value)
    }
}
