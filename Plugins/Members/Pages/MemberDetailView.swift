import PluginAPI
import Settings
import SQLKit

/// The member page: profile sections, partner criteria, state, allocation history, recent activity.
struct MemberDetailView: Sendable {
    let req: ModuleRequest
    let member: MemberRecord
    let rows: MemberRows
    let showContact: Bool

    static let basic = ["real_name", "id_card", "mobile", "email", "qq", "wechat", "birthday", "marital_status", "education", "income_band",
                        "monthly_spending", "occupation", "dating_purpose", "car", "housing", "children", "blood_type", "ethnicity",
                        "personality", "appearance", "hobbies"]
    static let personal = ["religion", "smoking", "drinking", "company_type", "work_status", "sleep_habit", "health", "foreign_languages",
                           "criminal_record", "family_ranking", "parents_status", "parents_economy", "parents_work", "introduction"]
    static let criteria = ["pc_regions", "pc_marital", "pc_education_min", "pc_income_min", "pc_housing", "pc_car", "pc_children",
                           "pc_zodiac", "pc_constellation", "pc_occupation"]

    func value(_ column: String, labels: [String: String]) -> String {
        let raw = member[column]
        if MemberFormat.contactColumns.contains(column), !showContact { return MemberFormat.mask(raw, kind: column) }
        if let list = MemberFields.dictionaryList[column] {
            _ = list
            return raw.split(separator: ",").map { labels[String($0)] ?? String($0) }.joined(separator: "、")
        }
        return raw
    }

    func section(_ title: String, _ columns: [String], labels: [String: [String: String]], regions: [String: String]) -> String {
        var html = "<section class=\"card\"><h2>\(escapeHTML(title))</h2><dl class=\"profile\">"
        for column in columns {
            var shown = value(column, labels: labels[MemberFields.dictionaryList[column] ?? ""] ?? [:])
            if column == "pc_regions" { shown = member[column].split(separator: ",").map { regions[String($0)] ?? String($0) }.joined(separator: "、") }
            html += "<dt>\(escapeHTML(req.t("field.\(column)")))</dt><dd>\(escapeHTML(shown.isEmpty ? "—" : shown))</dd>"
        }
        return html + "</dl></section>"
    }

    func render() async throws -> HTML {
        var labels: [String: [String: String]] = [:]
        for list in Set(MemberFields.dictionaryList.values) {
            labels[list] = try await DictionaryService.labels(list, db: req.db, cache: req.host.cache, language: req.language)
        }
        let regionCodes = Set(member["pc_regions"].split(separator: ",").map(String.init) + [member["hukou_province"], member["hukou_city"], member["hukou_district"]])
        let regions = try await req.host.regions.names(regionCodes)
        let hukou = [member["hukou_province"], member["hukou_city"], member["hukou_district"]].compactMap { regions[$0] }.joined(separator: " ")
        let avatar = member.avatar.isEmpty ? "" : "<img class=\"avatar large\" src=\"\(escapeAttr(member.avatarURL))\" alt=\"\"> "
        var html = "<div class=\"card member-head\">\(avatar)<p><strong>\(escapeHTML(member.username))</strong> UID \(member.id) · \(escapeHTML(rows.summary(member)))</p>"
        html += "<p>\(escapeHTML(req.t("field.region"))): \(escapeHTML(rows.region(member))) · \(escapeHTML(req.t("field.hukou"))): \(escapeHTML(hukou.isEmpty ? "—" : hukou))</p>"
        html += "<p>\(escapeHTML(req.t("field.owner"))): \(escapeHTML(rows.owner(member.ownerID))) · \(escapeHTML(req.t("field.aftersale_owner"))): \(escapeHTML(rows.owner(member.aftersaleOwnerID))) · "
        html += "\(escapeHTML(req.t(member.signed ? "signed" : "unsigned"))) · \(escapeHTML(rows.label("customer_status", member.customerStatus)))"
        html += member.blacklisted ? " · " + Badge(text: req.t("field.blacklisted"), kind: .danger).render().raw : ""
        html += "</p><p class=\"muted\">\(escapeHTML(req.t("field.avatar_status"))): \(escapeHTML(req.t("avatar.\(member.avatarStatus)"))) · \(escapeHTML(req.t("field.source"))): \(escapeHTML(req.t("source.\(member.source)")))</p></div>"
        html += section(req.t("section.basic"), Self.basic, labels: labels, regions: regions)
        html += section(req.t("section.personal"), Self.personal, labels: labels, regions: regions)
        var criteria = section(req.t("section.criteria"), Self.criteria, labels: labels, regions: regions)
        let ranges = [("pc_age", "pc_age_min", "pc_age_max"), ("pc_height", "pc_height_min", "pc_height_max"), ("pc_weight", "pc_weight_min", "pc_weight_max")]
        let rangeHTML: String = ranges.map { (name: String, lo: String, hi: String) -> String in
            let text: String = [member.numbers[lo], member.numbers[hi]].map { (n: Int?) -> String in n.map(String.init) ?? "" }.joined(separator: "–")
            return "<dt>\(escapeHTML(req.t("field.\(name)")))</dt><dd>\(escapeHTML(text == "–" ? "—" : text))</dd>"
        }.joined()
        criteria = criteria.replacingOccurrences(of: "<dl class=\"profile\">", with: "<dl class=\"profile\">" + rangeHTML)
        html += criteria
        html += try await allocationHistory()
        return HTML(raw: html)
    }

    func allocationHistory() async throws -> String {
        struct Row: Decodable { let kind: String; let from_owner: Int64?; let to_owner: Int64; let by_user: Int64; let at: Int64; let remark: String }
        let history = try await req.db.select().columns("kind", "from_owner", "to_owner", "by_user", "at", "remark").from("members_allocation")
            .where("member_id", .equal, member.id).orderBy("at", .descending).limit(50).all(decoding: Row.self)
        var html = "<section class=\"card\"><h2>\(escapeHTML(req.t("section.allocations")))</h2>"
        if history.isEmpty { return html + "<p class=\"muted\">\(escapeHTML(req.t("none")))</p></section>" }
        html += "<table class=\"table\"><thead><tr><th>\(escapeHTML(req.t("alloc.time")))</th><th>\(escapeHTML(req.t("alloc.kind")))</th><th>\(escapeHTML(req.t("alloc.from")))</th><th>\(escapeHTML(req.t("alloc.to")))</th><th>\(escapeHTML(req.t("alloc.by")))</th><th>\(escapeHTML(req.t("alloc.remark")))</th></tr></thead><tbody>"
        for row in history {
            html += "<tr><td>\(escapeHTML(rows.time(row.at)))</td><td>\(escapeHTML(req.t("alloc.kind.\(row.kind)")))</td><td>\(escapeHTML(rows.owner(row.from_owner)))</td><td>\(escapeHTML(rows.owner(row.to_owner)))</td><td>\(escapeHTML(rows.owner(row.by_user)))</td><td>\(escapeHTML(row.remark))</td></tr>"
        }
        return html + "</tbody></table></section>"
    }
}
