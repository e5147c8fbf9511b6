import Foundation
import HostTesting
import PluginAPI
import SQLKit
import Testing

/// Deleting a member that contracts hold: refused with a message naming what holds it, nothing deleted; a member without
/// contracts is deleted with a snapshot of the record in the audit log.
@Suite("safe member delete: contracts hold a member")
struct MemberDeleteGuardTests {
    /// The contracts team with gm allowed to delete every member; hna's member will hold a contract, hnb's stays free.
    static func team() async throws -> (ContractsTeam, held: Int64, free: Int64) {
        let team = try await ContractsTeam.make()
        try await team.t.grant(roleOf: "gm", ["members.member.delete"], scope: "all")
        return (team, team.members["hna"]!, team.members["hnb"]!)
    }

    @Test("a member with a contract is kept, the page says why; one without is deleted and audited with its snapshot")
    func contractHoldsMember() async throws {
        let (team, held, free) = try await Self.team()
        let t = team.t
        try await t.test { client in
            var hna = try await Browser.login(client, "hna")
            let created = try await hna.post("/m/contracts/", form: ContractsTeam.contractForm(member: held))
            let contract = try #require(ContractsTeam.id(from: created.location))
            var gm = try await Browser.login(client, "gm")
            _ = try await gm.get("/m/members/\(held)")
            let refused = try await gm.post("/m/members/\(held)/delete")
            #expect(refused.status == .seeOther && refused.location == "/m/members/\(held)")
            let page = try await gm.get("/m/members/\(held)")
            #expect(page.text.contains("该会员有 1 份合同，不能删除"), "\(page.text.prefix(400))")
            #expect(try await t.count("members_member", where: "id", held) == 1)
            #expect(try await t.count("contracts_contract", where: "id", contract) == 1)
            #expect(try await t.count("core_audit", where: "action", "member.delete") == 0)
            // The member without contracts goes, and the audit entry keeps what it was (no contact data).
            let done = try await gm.post("/m/members/\(free)/delete")
            #expect(done.status == .seeOther && done.location == "/m/members/")
            #expect(try await t.count("members_member", where: "id", free) == 0)
            let before = try #require(try await t.db.select().column("before_state").from("core_audit").where("action", .equal, "member.delete")
                .where("target", .equal, "member:\(free)").first(decodingColumn: "before_state", as: String.self))
            let snapshot = try #require(try JSONSerialization.jsonObject(with: Data(before.utf8)) as? [String: Any])
            #expect(snapshot["username"] as? String == "u_hnb" && snapshot["birthday"] as? String == "1994-04-04")
            #expect(snapshot["province"] as? String == "440000" && snapshot["owner_id"] as? Int64 == team.ids["hnb"])
            #expect(snapshot["mobile"] == nil && snapshot["id_card"] == nil)
        }
    }

    @Test("a batch delete applies the rule per member: the free one goes, the held one and an unknown id are kept and named")
    func batchDelete() async throws {
        let (team, held, free) = try await Self.team()
        let t = team.t
        try await t.test { client in
            var hna = try await Browser.login(client, "hna")
            _ = try await hna.post("/m/contracts/", form: ContractsTeam.contractForm(member: held))
            #expect(!(try await hna.get("/m/members/").text.contains("/m/members/delete-selected")))
            #expect(try await hna.post("/m/members/delete-selected", multi: [("ids", String(held))]).status == .forbidden)
            var gm = try await Browser.login(client, "gm")
            #expect(try await gm.get("/m/members/").text.contains("formaction=\"/m/members/delete-selected\""))
            let done = try await gm.post("/m/members/delete-selected", multi: [("ids", String(held)), ("ids", String(free)), ("ids", "987654")])
            #expect(done.status == .seeOther)
            let flash = HTMLProbe.flashes(in: try await gm.get("/m/members/").text).joined()
            #expect(flash.contains("已删除 1 位会员。") && flash.contains("2 位未删除"), "\(flash)")
            #expect(flash.contains("u_hna（UID \(held)）：该会员有 1 份合同，不能删除") && flash.contains("UID 987654：不存在或无权删除"))
            #expect(try await t.count("members_member", where: "id", free) == 0)
            #expect(try await t.count("members_member", where: "id", held) == 1)
            #expect(try await t.count("core_audit", where: "action", "member.delete") == 1)
        }
    }
}
