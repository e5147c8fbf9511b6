import PluginAPI

/// The labels of the events module in zh-CN and en.
enum EventsMessages {
    static let catalog = MessageCatalog([
        "list.title": LocalizedText(zh: "活动列表", en: "Events"),
        "new": LocalizedText(zh: "新建活动", en: "New event"),
        "edit": LocalizedText(zh: "编辑活动", en: "Edit event"),
        "delete": LocalizedText(zh: "删除", en: "Delete"),
        "delete.confirm": LocalizedText(zh: "确定删除该活动及其报名？", en: "Delete this event and its sign-ups?"),
        "save": LocalizedText(zh: "保存", en: "Save"),
        "search": LocalizedText(zh: "活动名称或地点", en: "Title or venue"),
        "field.title": LocalizedText(zh: "活动名称", en: "Title"),
        "field.venue": LocalizedText(zh: "地点", en: "Venue"),
        "field.starts_at": LocalizedText(zh: "开始时间", en: "Starts at"),
        "field.capacity": LocalizedText(zh: "名额", en: "Capacity"),
        "field.signed_up": LocalizedText(zh: "已报名", en: "Signed up"),
        "field.note": LocalizedText(zh: "说明", en: "Details"),
        "field.member": LocalizedText(zh: "会员编号", en: "Member ID"),
        "field.attended": LocalizedText(zh: "到场", en: "Attended"),
        "rule.datetime": LocalizedText(zh: "请输入日期和时间，如 2026-06-01 19:30。", en: "enter a date and time such as 2026-06-01 19:30."),
        "rule.belowSignUps": LocalizedText(zh: "名额不能少于已报名人数（{n}）。", en: "Capacity cannot be below the sign-ups ({n})."),
        "signups": LocalizedText(zh: "报名会员", en: "Signed-up members"),
        "signup": LocalizedText(zh: "报名", en: "Sign up"),
        "attend": LocalizedText(zh: "签到", en: "Mark attended"),
        "cancel": LocalizedText(zh: "取消报名", en: "Cancel sign-up"),
        "yes": LocalizedText(zh: "是", en: "Yes"),
        "no": LocalizedText(zh: "否", en: "No"),
        "saved": LocalizedText(zh: "活动已保存。", en: "Event saved."),
        "deleted": LocalizedText(zh: "活动已删除。", en: "Event deleted."),
        "signed": LocalizedText(zh: "报名成功。", en: "Signed up."),
        "cancelled": LocalizedText(zh: "已取消报名。", en: "Sign-up cancelled."),
        "attended": LocalizedText(zh: "已签到。", en: "Marked attended."),
        "full": LocalizedText(zh: "活动名额已满。", en: "The event is full."),
        "duplicate": LocalizedText(zh: "该会员已报名此活动。", en: "The member has already signed up."),
        "widget.none": LocalizedText(zh: "暂无即将举行的活动", en: "No upcoming events"),
        "api.badJSON": LocalizedText(zh: "请求体须为 JSON 对象。", en: "The body must be a JSON object."),
    ])
}
