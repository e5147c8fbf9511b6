import PluginAPI

/// The left menu of the after-sale workbench (manual 5.1).
enum AfterSaleMenu {
    static var entries: [MenuEntry] {
        let front = LocalizedText(zh: "前台委托", en: "Front entrustments")
        let members = LocalizedText(zh: "售后会员", en: "After-sale members")
        let contracts = LocalizedText(zh: "服务合同", en: "Service contracts")
        let matching = LocalizedText(zh: "配对", en: "Matching")
        let appointments = LocalizedText(zh: "约见管理", en: "Appointments")
        let birthdays = LocalizedText(zh: "生日提醒", en: "Birthdays")
        return [
            MenuEntry(LocalizedText(zh: "待处理委托", en: "Pending"), path: "/entrustments?status=pending", requires: "entrustment", group: front),
            MenuEntry(LocalizedText(zh: "已处理委托", en: "Processed"), path: "/entrustments?status=processed", requires: "entrustment", group: front),
            MenuEntry(LocalizedText(zh: "未跟进会员", en: "Not followed up"), path: "/lists/new", requires: "workbench", group: members),
            MenuEntry(LocalizedText(zh: "已跟进会员", en: "Followed up"), path: "/lists/followed", requires: "workbench", group: members),
            MenuEntry(LocalizedText(zh: "待跟进（今日及逾期）", en: "Follow-ups due"), path: "/lists/due", requires: "workbench", group: members),
            MenuEntry(LocalizedText(zh: "已到期未续签", en: "Expired, not renewed"), path: "/lists/expired", requires: "workbench", group: members),
            MenuEntry(LocalizedText(zh: "首签合同", en: "First signings"), path: "/lists/first", requires: "contract", group: contracts, in: "contracts"),
            MenuEntry(LocalizedText(zh: "续签合同", en: "Renewals"), path: "/lists/renewal", requires: "contract", group: contracts, in: "contracts"),
            MenuEntry(LocalizedText(zh: "配对结果", en: "Matching results"), path: "/matches", requires: "match", group: matching),
            MenuEntry(LocalizedText(zh: "待审核约见", en: "Pending review"), path: "/appointments?status=pending", requires: "appointment", group: appointments),
            MenuEntry(LocalizedText(zh: "已审核约见", en: "Approved"), path: "/appointments?status=approved", requires: "appointment", group: appointments),
            MenuEntry(LocalizedText(zh: "约见中", en: "In progress"), path: "/appointments?status=in_progress", requires: "appointment", group: appointments),
            MenuEntry(LocalizedText(zh: "已完成约见", en: "Completed"), path: "/appointments?status=completed", requires: "appointment", group: appointments),
            MenuEntry(LocalizedText(zh: "已评价约见", en: "Evaluated"), path: "/appointments?status=evaluated", requires: "appointment", group: appointments),
            MenuEntry(LocalizedText(zh: "已驳回/取消", en: "Rejected or cancelled"), path: "/appointments?status=closed", requires: "appointment", group: appointments),
            MenuEntry(LocalizedText(zh: "今日生日", en: "Birthdays today"), path: "/lists/birthday-today", requires: "workbench", group: birthdays),
            MenuEntry(LocalizedText(zh: "本月生日", en: "Birthdays this month"), path: "/lists/birthday-month", requires: "workbench", group: birthdays),
        ]
    }
}
