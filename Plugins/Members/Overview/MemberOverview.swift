import PluginAPI
import SQLKit

/// The member overview pieces shared by the workbenches of PreSale and AfterSale: the head of the page and the customer
/// analysis tab (with its print view and CSV). A module merges `messages` into its catalogue, declares an `analysis`
/// resource (view, export) and mounts `registerAnalysis(_:)`; its overview lives at `<base>/<member id>`.
///
/// ```swift
/// var body = try await MemberOverview.header(req, member, presenter, owner: member.aftersaleOwnerID)
/// body += try await MemberOverview.analysis(req, member, presenter)
/// ```
public enum MemberOverview {
    /// The head of a member overview: avatar, UID, username, gender, age, region, household registration, marital and customer
    /// status, the matchmaker `owner` (labelled with the caller's `head.owner`), contact times and the public-page link.
    public static func header(_ req: ModuleRequest, _ member: MemberRecord, _ presenter: MemberPresenter, owner: Int64?) async throws -> HTML {
        let hukouCodes = [member["hukou_province"], member["hukou_city"], member["hukou_district"]].filter { !$0.isEmpty }
        let names = try await req.host.regions.names(Set(hukouCodes))
        let hukou = hukouCodes.compactMap { names[$0] }.joined(separator: " ")
        let age = member.age(today: presenter.today).map(String.init) ?? "—"
        let avatar = member.avatar.isEmpty ? "" : "<img class=\"avatar large\" src=\"\(escapeAttr(member.avatarURL))\" alt=\"\">"
        func item(_ key: String, _ value: String) -> String {
            "<dt>\(escapeHTML(req.t(key)))</dt><dd>\(escapeHTML(value.isEmpty ? "—" : value))</dd>"
        }
        var html = "<section class=\"card member-head\">\(avatar)<dl class=\"profile\">"
        html += item("head.uid", String(member.id))
        html += "<dt>\(escapeHTML(MemberRegistration.label(req, "username")))</dt><dd><strong>\(escapeHTML(member.username))</strong></dd>"
        html += "<dt>\(escapeHTML(MemberRegistration.label(req, "gender")))</dt><dd>\(escapeHTML(presenter.label("gender", member.gender)))</dd>"
        html += item("head.age", age) + item("head.region", presenter.region(member)) + item("head.hukou", hukou)
        html += item("head.marital", presenter.label("marital_status", member["marital_status"]))
        html += item("head.status", presenter.label("customer_status", member.customerStatus))
        html += item("head.owner", presenter.staffName(owner))
        html += item("head.lastContact", presenter.time(member.lastContactAt)) + item("head.nextContact", presenter.time(member.nextContactAt))
        html += "</dl>"
        let site = req.site
        if !site["agency.site_url"].isEmpty {
            let url = site["agency.site_url"].hasSuffix("/") ? String(site["agency.site_url"].dropLast()) : site["agency.site_url"]
            html += "<p><a href=\"\(escapeAttr("\(url)/member/\(member.id)"))\" target=\"_blank\" rel=\"noopener\">\(escapeHTML(req.t("action.publicPage")))</a></p>"
        }
        return HTML(raw: html + "</section>")
    }

    /// "Show more" (the full profile) and, with `edit` on the member, "edit here" (Members' form, coming back to the overview).
    public static func profileSections(_ req: ModuleRequest, _ member: MemberRecord) async throws -> HTML {
        var body = HTML(raw: "<details class=\"card\"><summary>\(escapeHTML(req.t("action.showMore")))</summary>")
            + (try await MemberDirectory.profile(req, member)) + HTML(raw: "</details>")
        if MemberDirectory.allows(req, member, "edit") {
            body += HTML(raw: "<details class=\"card\" id=\"edit-profile\"><summary>\(escapeHTML(req.t("action.editInPlace")))</summary>")
                + (try await MemberDirectory.editForm(req, member, returnTo: "\(req.base)/\(member.id)")) + HTML(raw: "</details>")
        }
        return body
    }

    /// The tab bar of the overview: `names` labelled with the caller's `tab.<name>`, linking to `<base>/<member>?tab=<name>`.
    public static func tabs(_ req: ModuleRequest, _ member: MemberRecord, _ names: [String], active: String) -> HTML {
        HTML(raw: "<nav class=\"tabs\" aria-label=\"tabs\">" + names.map { name in
            "<a href=\"\(req.base)/\(member.id)?tab=\(name)\"\(name == active ? " class=\"active\" aria-current=\"page\"" : "")>\(escapeHTML(req.t("tab.\(name)")))</a>"
        }.joined(separator: " ") + "</nav>")
    }

    /// The customer analysis tab (coins, payments, messages, posts, browsing charts, consumption records).
    public static func analysis(_ req: ModuleRequest, _ member: MemberRecord, _ presenter: MemberPresenter) async throws -> HTML {
        try await AnalysisView(req: req, member: member, presenter: presenter).render()
    }

    /// Mounts `<base>/<member>/analysis/print` (analysis.view) and `<base>/<member>/analysis.csv` (analysis.export, audited).
    public static func registerAnalysis(_ routes: inout RouteCollector) throws { try AnalysisPages().register(&routes) }

    /// The labels of the header and the analysis, to merge into the using module's catalogue.
    public static let messages: MessageCatalog = {
        var catalog = MessageCatalog()
        let entries: [(String, String, String)] = [
            ("action.overview", "概况", "Overview"),
            ("action.print", "打印", "Print"),
            ("action.csv", "下载 CSV", "Download CSV"),
            ("action.publicPage", "前台主页", "Public page"),
            ("action.showMore", "显示更多资料", "Show more"),
            ("action.editInPlace", "就地编辑资料", "Edit here"),
            ("head.uid", "UID", "UID"),
            ("head.age", "年龄", "Age"),
            ("head.region", "所在地区", "Region"),
            ("head.hukou", "户籍", "Household registration"),
            ("head.marital", "婚姻状况", "Marital status"),
            ("head.status", "客户状态", "Customer status"),
            ("head.lastContact", "最近联系", "Last contact"),
            ("head.nextContact", "下次联系", "Next contact"),
            ("analysis.coins", "金币余额", "Coin balance"),
            ("analysis.paid", "累计付费", "Total paid"),
            ("analysis.sent", "发出消息", "Messages sent"),
            ("analysis.received", "收到消息", "Messages received"),
            ("analysis.posts", "发布动态", "Posts published"),
            ("analysis.views", "浏览异性资料", "Profiles viewed"),
            ("analysis.consumption", "消费记录", "Consumption records"),
            ("analysis.kind", "类型", "Kind"),
            ("analysis.amount", "金额", "Amount"),
            ("analysis.detail", "说明", "Detail"),
            ("analysis.time", "时间", "Time"),
            ("analysis.kind.payment", "付费（元）", "Payment (yuan)"),
            ("analysis.kind.coin_change", "消费金币", "Coins spent"),
            ("analysis.browsing", "浏览分析", "Browsing analysis"),
            ("analysis.byEducation", "浏览对象学历", "Viewed profiles by education"),
            ("analysis.byIncome", "浏览对象年收入", "Viewed profiles by income"),
            ("analysis.byAge", "浏览对象年龄段", "Viewed profiles by age band"),
            ("analysis.byMarital", "浏览对象婚姻状况", "Viewed profiles by marital status"),
            ("analysis.unknown", "未填", "Not given"),
            ("analysis.title", "客户分析", "Customer analysis"),
        ]
        for (key, zh, en) in entries { catalog.add(key, zh: zh, en: en) }
        return catalog
    }()
}
