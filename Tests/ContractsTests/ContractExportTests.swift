import Foundation
import HostTesting
import PluginAPI
import SQLKit
import Testing

/// `contract.export`: a CSV of the list with its filters, within the export visibility, audited; no export right, no
/// link and 403.
@Suite("contract CSV export")
struct ContractExportTests {
    @Test("a matchmaker exports her own contracts only, the export is audited; a user without the right gets 403 and no link")
    func exportOwnContracts() async throws {
        let team = try await ContractsTeam.make()
        let t = team.t
        try await t.grant(roleOf: "hna", ["contracts.contract.export"], scope: "own")
        try await t.test { client in
            var hna = try await Browser.login(client, "hna"), hnb = try await Browser.login(client, "hnb")
            let made = try await hna.post("/m/contracts/", form: ContractsTeam.contractForm(member: team.members["hna"]!, number: "HT-EXA", amount: "12800.5", payment: "12800.5"))
            #expect(made.status == .seeOther, "\(HTMLProbe.fieldErrorIDs(in: made.text))")
            _ = try await hnb.post("/m/contracts/", form: ContractsTeam.contractForm(member: team.members["hnb"]!, number: "HT-EXB"))
            let list = try await hna.get("/m/contracts/lists/drafts?number=HT")
            #expect(list.text.contains("href=\"/m/contracts/export.csv?list=drafts&amp;number=HT\""))
            let csv = try await hna.get("/m/contracts/export.csv?list=drafts&number=HT")
            #expect(csv.status == .ok && csv.headers[.contentType] == "text/csv; charset=utf-8")
            let lines = csv.text.split(separator: "\r\n").map(String.init)
            #expect(lines.count == 2 && lines[0].hasPrefix("\u{FEFF}合同编号,会员,"), "\(lines)")
            #expect(lines[1].hasPrefix("HT-EXA,u_hna（UID \(team.members["hna"]!)）,首次签约,\"12,800.50\",2026-11-01"))
            #expect(!csv.text.contains("HT-EXB"))
            let audit = try #require(try await t.db.select().column("after_state").from("core_audit").where("action", .equal, "contract.export")
                .first(decodingColumn: "after_state", as: String.self))
            #expect(audit.hasPrefix("1 rows; list: drafts"))
            // hnb holds no export right: no link, and the route refuses.
            #expect(!(try await hnb.get("/m/contracts/").text.contains("export.csv")))
            #expect(try await hnb.get("/m/contracts/export.csv").status == .forbidden)
        }
    }
}
