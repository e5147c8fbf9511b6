import Foundation
import Members
import PluginAPI
import SQLKit

/// CSV export (UTF-8 with BOM) of a contract list with its filters, within the `contract.export` visibility, audited with
/// the row count and the filters used. No member contact data: the member is named by username and UID.
struct ContractExportPages: Sendable {
    static let maxRows = 100_000
    static let columns = ["number", "member", "kind", "total_amount", "signed_on", "starts_on", "ends_on", "status", "author"]

    func register(_ routes: inout RouteCollector) throws {
        try routes.get("/export.csv", .requires("contract", "export"), export)
    }

    @Sendable func export(_ req: ModuleRequest) async throws -> ModuleResponse {
        let key = req.query["list"].isEmpty ? "all" : req.query["list"]
        guard key == "all" || ContractListPages.lists.contains(key) else { throw ModuleError.notFound }
        let site = req.site
        var list = try await ContractListPages.query(req, key: key, today: AgencyTime.today(timeZone: site.timeZone))
        list.filter(req.access.ownerPredicate("contract", action: "export", column: "author_id"))
        let contracts = try await req.db.select().columns(ContractRecord.columns.map { SQLColumn($0) }).from("contracts_contract")
            .where(list.predicate).orderBy("id").limit(Self.maxRows).all(decoding: ContractRecord.self)
        let members = try await MemberDirectory.records(ids: contracts.map(\.member_id), db: req.db)
        let presenter = try await MemberDirectory.presenter(req, members: Array(members.values))
        var csv = CSVText(header: Self.columns.map { req.t("export.\($0)") })
        for c in contracts {
            let values = [c.number, members[c.member_id].map { "\($0.username)（UID \($0.id)）" } ?? "UID \(c.member_id)", req.t("kind.\(c.kind)"),
                          UIFormat.yuan(c.total_amount), c.signed_on, c.starts_on, c.ends_on, req.t("status.\(c.status)"), presenter.staffName(c.author_id)]
            csv.append(values)
        }
        try await req.transaction { tx in
            try await tx.audit(AuditEntry(module: "contracts", action: "contract.export", target: "contracts",
                                          after: "\(contracts.count) rows; list: \(key); filters: \(req.query.fields.keys.sorted().joined(separator: ","))"))
        }
        let stamp = AgencyTime.format(Int64(Date().timeIntervalSince1970), timeZone: site.timeZone, pattern: "yyyyMMdd-HHmm")
        return .file(Data(csv.data), contentType: CSVText.contentType, filename: "contracts-\(stamp).csv")
    }
}
