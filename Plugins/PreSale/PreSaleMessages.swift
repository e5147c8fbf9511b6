import Members
import PluginAPI

/// Labels of the PreSale module (keys under `presale.`).
enum PreSaleMessages {
    static let catalog: MessageCatalog = {
        var catalog = MessageCatalog()
        let entries: [(String, String, String)] = [
            ("list.new", "未跟进会员", "Members not followed up"),
            ("list.followed", "已跟进会员", "Members followed up"),
            ("list.due", "待跟进会员（今日及逾期）", "Follow-ups due today or overdue"),
            ("list.unsigned", "未签约会员", "Unsigned members"),
            ("list.expiring", "合同即将到期（未续签）", "Contracts expiring, not renewed"),
            ("list.expired", "合同过期未续签", "Contracts expired, not renewed"),
            ("list.birthday-today", "今日生日", "Birthdays today"),
            ("list.birthday-month", "本月生日", "Birthdays this month"),
            ("list.signed-month", "本月首签会员", "Signed this month"),
            ("list.contracts-month", "本月有合同生效的会员", "Contracts this month"),
            ("action.addNote", "写小计", "Add note"),
            ("action.editProfile", "编辑资料", "Edit profile"),
            ("action.editCriteria", "编辑择偶条件", "Edit partner criteria"),
            ("tab.notes", "跟进小计", "Follow-ups"),
            ("tab.analysis", "客户分析", "Customer analysis"),
            ("tab.contracts", "合同", "Contracts"),
            ("head.owner", "售前红娘", "Pre-sale matchmaker"),
            ("contracts.none", "暂无生效合同。", "No effective contracts."),
            ("contracts.number", "合同编号", "Contract number"),
            ("contracts.kind", "类型", "Type"),
            ("contracts.kind.first", "首签", "First signing"),
            ("contracts.kind.renewal", "续签", "Renewal"),
            ("contracts.period", "服务期", "Service period"),
            ("contracts.amount", "金额（元）", "Amount (yuan)"),
            ("widget.expiring", "合同 {days} 天内到期", "Contracts ending within {days} days"),
            ("widget.due", "今日及逾期待跟进", "Follow-ups due"),
            ("widget.birthdayToday", "今日生日", "Birthdays today"),
            ("widget.birthdayMonth", "本月生日", "Birthdays this month"),
            ("widget.mine", "我的售前会员", "My pre-sale members"),
            ("widget.signedMonth", "本月签约", "Signed this month"),
            ("widget.contractsMonth", "本月合同", "Contracts this month"),
            ("register.title", "会员登记", "Member registration"),
            ("register.intro", "填写资料后，我们的红娘会尽快与您联系。带 * 的为必填项。",
             "Fill in your details and a matchmaker will contact you soon. Fields marked * are required."),
            ("register.submit", "提交登记", "Register"),
            ("register.limited", "此网络地址提交登记过于频繁，请一小时后再试。", "Too many registrations from this address; please try again in an hour."),
            ("register.done", "登记成功！我们的红娘会尽快与您联系。", "Thank you! A matchmaker will contact you soon."),
            ("register.settings", "前台会员登记：必填项", "Front registration: required fields"),
            ("register.settingsHelp", "勾选的项目在前台登记页为必填；用户名、密码、性别、生日、所在省份始终必填。",
             "Checked fields are required on the public registration page; username, password, gender, birthday and province always are."),
            ("register.saved", "已保存必填项设置。", "Required fields saved."),
            ("register.link", "打开前台登记页", "Open the registration page"),
            ("register.alwaysRequired", "始终必填", "Always required"),
        ]
        for (key, zh, en) in entries { catalog.add(key, zh: zh, en: en) }
        catalog.merge(FollowUpNotes.messages)
        catalog.merge(MemberOverview.messages)
        catalog.merge(MemberOverview.actionMessages)
        catalog.merge(MemberMessageForm.messages)
        return catalog
    }()
}
