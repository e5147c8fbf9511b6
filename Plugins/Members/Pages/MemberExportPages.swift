import Foundation
import PluginAPI
import Settings
import SQLKit

/// CSV export of the current search (UTF-8 with BOM), masked without `viewContact`, audited with the row count.
struct MemberExportPages: Sendable {
    static let maxRows = 100_000
    static let columns = ["id", "username", "gender", "birthday", "province", "city", "district", "real_name", "mobile", "id_card", "email", "qq", "wechat",
                          "height", "weight", "marital_status", "education", "income_band", "occupation", "customer_status", "signed", "owner_id", "registered_at"]

    func register(_ routes: inout RouteCollector) throws {
        try routes.get("/export.csv", .requires("member", "export"), export)
    }

    @Sendable func export(_ req: ModuleRequest) async throws -> ModuleResponse {
        let site = req.site
        var list = MemberSearch(req: req, today: MemberFormat.today(timeZone: site.timeZone)).listQuery(timeZone: site.timeZone)
        list.filter(MemberAccess.predicate(req, action: "export"))
        let rows = try await req.db.select().column("*").from("members_member").where(list.predicate).orderBy("id").limit(Self.maxRows).all()
        let members = try rows.map { try MemberRecord(row: $0) }
        var labels: [String: [String: String]] = [:]
        for l in ["gender", "marital_status", "education", "income_band", "occupation", "customer_status"] {
            labels[l] = try await DictionaryService.labels(l, db: req.db, cache: req.host.cache, language: req.language)
        }
        let regions = try await req.host.regions.names(Set(members.flatMap { [$0["province"], $0["city"], $0["district"]] }))
        let staff = try await MemberStaff.names(req)
        var csv = CSVText(header: Self.columns.map { req.t("export.\($0)") })
        for m in members {
            let contact = MemberAccess.showsContact(req, m)
            let values: [String] = Self.columns.map { column in
                switch column {
                case "id": return String(m.id)
                case "username": return m.username
                case "gender": return labels["gender"]?[m.gender] ?? m.gender
                case "province", "city", "district": return regions[m[column]] ?? m[column]
                case "height", "weight": return m.numbers[column].map(String.init) ?? ""
                case "signed": return req.t(m.signed ? "signed" : "unsigned")
                case "owner_id": return m.ownerID.map { staff[$0] ?? "#\($0)" } ?? ""
                case "registered_at": return AgencyTime.format(m.registeredAt, timeZone: site.timeZone)
                case "customer_status": return labels["customer_status"]?[m.customerStatus] ?? m.customerStatus
                default:
                    if MemberFormat.contactColumns.contains(column), !contact { return MemberFormat.mask(m[column], kind: column) }
                    return labels[column]?[m[column]] ?? m[column]
                }
            }
            csv.append(values)
        }
        try await req.transaction { tx in
            try await tx.audit(AuditEntry(module: "members", action: "member.export", target: "members",
                                          after: "\(members.count) rows; filters: \(req.query.fields.keys.sorted().joined(separator: ","))"))
        }
        let stamp = AgencyTime.format(Int64(Date().timeIntervalSince1970), timeZone: site.timeZone, pattern: "yyyyMMdd-HHmm")
        return .file(Data(csv.data), contentType: CSVText.contentType, filename: "members-\(stamp).csv")
    }
}
