import PluginAPI
import Settings

/// Turns member rows into table cells the way the OECRM lists show them ("女 29岁 离异 本科 165CM", region, times, matchmaker).
struct MemberRows: Sendable {
    let req: ModuleRequest
    let today: String
    let timeZone: String
    let labels: [String: [String: String]]
    let regions: [String: String]
    let staff: [Int64: String]
    /// Where a member's name links to: `<linkBase>/<id>` (Members' page by default, another module's overview when it lists members).
    var linkBase: String

    static func make(_ req: ModuleRequest, members: [MemberRecord]) async throws -> MemberRows {
        let site = req.site
        var labels: [String: [String: String]] = [:]
        for list in ["gender", "marital_status", "education", "customer_status"] {
            labels[list] = try await DictionaryService.labels(list, db: req.db, cache: req.host.cache, language: req.language)
        }
        let codes = Set(members.flatMap { [$0["province"], $0["city"], $0["district"]] })
        return MemberRows(req: req, today: MemberFormat.today(timeZone: site.timeZone), timeZone: site.timeZone, labels: labels,
                          regions: try await req.host.regions.names(codes), staff: try await MemberStaff.names(req), linkBase: req.base)
    }

    func label(_ list: String, _ code: String) -> String { labels[list]?[code] ?? code }

    /// "女 29岁 离异 本科 165CM".
    func summary(_ m: MemberRecord) -> String {
        var parts = [label("gender", m.gender)]
        if let age = m.age(today: today) { parts.append(req.language == .en ? "\(age) y" : "\(age)岁") }
        if !m["marital_status"].isEmpty { parts.append(label("marital_status", m["marital_status"])) }
        if !m["education"].isEmpty { parts.append(label("education", m["education"])) }
        if let height = m.numbers["height"] { parts.append("\(height)CM") }
        return parts.joined(separator: " ")
    }

    func region(_ m: MemberRecord) -> String {
        [m["province"], m["city"], m["district"]].compactMap { regions[$0] }.reduce(into: [String]()) { list, name in
            if list.last != name { list.append(name) }
        }.joined(separator: " ")
    }

    func time(_ epoch: Int64?) -> String {
        guard let epoch else { return "—" }
        return AgencyTime.format(epoch, timeZone: timeZone)
    }

    func owner(_ id: Int64?) -> String { id.map { staff[$0] ?? "#\($0)" } ?? "—" }

    func avatarCell(_ m: MemberRecord) -> HTML {
        let img = m.avatar.isEmpty ? "" : "<img class=\"avatar\" src=\"\(escapeAttr(m.avatarURL))\" alt=\"\"> "
        return HTML(raw: img) + HTML.link(m.username, href: "\(linkBase)/\(m.id)")
    }

    static func columns(_ req: ModuleRequest) -> [TableColumn] {
        [TableColumn(key: "id", label: "UID", sortable: true, numeric: true), TableColumn(key: "username", label: req.t("field.username")),
         TableColumn(key: "summary", label: req.t("list.summary")), TableColumn(key: "region", label: req.t("field.region")),
         TableColumn(key: "registered_at", label: req.t("field.registered"), sortable: true),
         TableColumn(key: "allocated_at", label: req.t("list.allocatedAt"), sortable: true),
         TableColumn(key: "last_contact_at", label: req.t("field.last_contact"), sortable: true),
         TableColumn(key: "next_contact_at", label: req.t("field.next_contact"), sortable: true),
         TableColumn(key: "owner", label: req.t("field.owner")), TableColumn(key: "signed", label: req.t("field.signed")),
         TableColumn(key: "customer_status", label: req.t("field.customer_status"))]
    }

    func cells(_ m: MemberRecord) -> [HTML] {
        [.text(String(m.id)), avatarCell(m), .text(summary(m)), .text(region(m)), .text(time(m.registeredAt)), .text(time(m.allocatedAt)),
         .text(time(m.lastContactAt)), .text(time(m.nextContactAt)),
         .text(owner(m.ownerID) + (m.aftersaleOwnerID.map { " / " + owner($0) } ?? "")),
         Badge(text: req.t(m.signed ? "signed" : "unsigned"), kind: m.signed ? .ok : .plain).render(), .text(label("customer_status", m.customerStatus))]
    }
}
