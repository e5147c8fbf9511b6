import PluginAPI

extension FollowUpNotes {
    /// The labels the note component uses, to merge into the using module's catalogue.
    public static let messages: MessageCatalog = {
        var catalog = MessageCatalog()
        let entries: [(String, String, String)] = [
            ("action.edit", "编辑", "Edit"),
            ("action.delete", "删除", "Delete"),
            ("action.save", "保存", "Save"),
            ("note.effective", "是否有效联系", "Effective contact"),
            ("note.intention", "客户意向", "Customer intention"),
            ("note.sign_status", "签约状态", "Sign status"),
            ("note.unsigned_reason", "未签约原因", "Reason not signed"),
            ("note.contact_at", "本次联系时间", "This contact"),
            ("note.next_contact_at", "下次联系时间", "Next contact"),
            ("note.remark", "备注", "Remark"),
            ("note.tags", "标签", "Tags"),
            ("note.tagsHelp", "用逗号分隔，如：有房, 稳定", "Comma-separated, e.g. house, stable"),
            ("note.author", "记录人", "Written by"),
            ("note.keyword", "关键词", "Keyword"),
            ("note.tag", "标签", "Tag"),
            ("note.from", "从", "From"),
            ("note.to", "到", "To"),
            ("note.dates", "联系日期", "Contact date"),
            ("note.none", "还没有跟进小计。", "No follow-up notes yet."),
            ("note.added", "已添加跟进小计。", "Follow-up note added."),
            ("note.saved", "已保存跟进小计。", "Follow-up note saved."),
            ("note.deleted", "已删除跟进小计。", "Follow-up note deleted."),
            ("note.editTitle", "编辑跟进小计", "Edit follow-up note"),
            ("note.new", "写跟进小计", "New follow-up note"),
            ("effective.1", "有效", "Effective"),
            ("effective.0", "无效", "Not effective"),
            ("intention.strong", "强", "Strong"),
            ("intention.medium", "中", "Medium"),
            ("intention.weak", "弱", "Weak"),
            ("intention.none", "无", "None"),
            ("sign.unsigned", "未签约", "Not signed"),
            ("sign.considering", "意向签约", "Considering"),
            ("sign.signed", "已签约", "Signed"),
            ("rule.datetime", "请填写正确的日期时间，如 2026-11-23 14:30。", "Enter a date and time such as 2026-11-23 14:30."),
            ("rule.nextAfter", "下次联系时间须晚于本次联系时间。", "The next contact must come after this contact."),
        ]
        for (key, zh, en) in entries { catalog.add(key, zh: zh, en: en) }
        return catalog
    }()
}
