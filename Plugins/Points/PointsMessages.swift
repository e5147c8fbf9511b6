import PluginAPI

/// The labels of the points module in zh-CN and en (`req.t("list.title")` reads `points.list.title`).
enum PointsMessages {
    static let catalog = MessageCatalog([
        "list.title": LocalizedText(zh: "条目列表", en: "Items"),
        "new": LocalizedText(zh: "新建条目", en: "New item"),
        "edit": LocalizedText(zh: "编辑条目", en: "Edit item"),
        "field.title": LocalizedText(zh: "标题", en: "Title"),
        "field.note": LocalizedText(zh: "备注", en: "Note"),
        "field.updated": LocalizedText(zh: "更新时间", en: "Updated"),
        "search": LocalizedText(zh: "关键词", en: "Keyword"),
        "save": LocalizedText(zh: "保存", en: "Save"),
        "delete": LocalizedText(zh: "删除", en: "Delete"),
        "delete.confirm": LocalizedText(zh: "确定删除该条目？", en: "Delete this item?"),
        "saved": LocalizedText(zh: "条目已保存。", en: "Item saved."),
        "deleted": LocalizedText(zh: "条目已删除。", en: "Item deleted."),
        "widget.link": LocalizedText(zh: "查看全部", en: "View all"),
        "api.badJSON": LocalizedText(zh: "请求体须为 JSON 对象。", en: "The body must be a JSON object."),
    ])
}
