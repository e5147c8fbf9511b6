import Foundation
import HostTesting
import HummingbirdTesting
import Members
import SQLKit
import Testing

/// The top bar's quick search: UID, username (prefix), real name (prefix) or a full mobile number, within visibility;
/// one match opens the member, several are listed with contacts masked by the usual rule.
@Suite("quick search in the top bar")
struct MemberQuickSearchTests {
    @Test("finds by username prefix, real name, UID and mobile among visible members only; one match opens it; contacts stay masked")
    func quickSearch() async throws {
        let team = try await MembersTeam.make(contactFor: ["gm"])
        let hna = team.members["hna"]!, hnb = team.members["hnb"]!
        try await team.t.db.update("members_member").set("real_name", to: "张三丰").where("id", .equal, hna).run()
        struct Mobile: Decodable { let mobile: String }
        let mobiles = try await team.t.db.select().column("mobile").from("members_member").where("id", .in, [hna, hnb])
            .orderBy("id").all(decoding: Mobile.self).map(\.mobile)
        _ = try await team.t.staff("nobody", role: try await team.t.role("访客"))
        try await team.t.test { client in
            var mgrA = try await Browser.login(client, "mgra")
            let home = try await mgrA.get("/m/members").text
            #expect(home.contains("<form class=\"quick-search\" role=\"search\" method=\"get\" action=\"/m/members/quick\">"))
            // Several matches: listed, only the visible ones, mobile masked (mgra lacks viewContact).
            let several = try await mgrA.get("/m/members/quick?q=u_")
            #expect(several.status == .ok && several.text.contains("u_mgra") && several.text.contains("u_hna"))
            for hidden in ["u_mgrb", "u_hnb", "u_gm", "u_pool"] { #expect(!several.text.contains(hidden)) }
            #expect(!several.text.contains(mobiles[0]))
            #expect(several.text.contains("name=\"q\" value=\"u_\""))
            // One match opens the member: by username, real-name prefix, UID, full mobile.
            for q in ["u_hna", "张三", String(hna), mobiles[0]] {
                let one = try await mgrA.get("/m/members/quick?q=\(q.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? q)")
                #expect(one.status == .seeOther && one.location == "/m/members/\(hna)", "\(q)")
            }
            // A peer's member is not found by any of its keys.
            for q in ["u_hnb", String(hnb), mobiles[1]] {
                let none = try await mgrA.get("/m/members/quick?q=\(q.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? q)")
                #expect(none.status == .ok && !none.text.contains("/m/members/\(hnb)\""), "\(q)")
            }
            // Without member view, no box and no route.
            var outsider = try await Browser.login(client, "nobody")
            #expect(!(try await outsider.get("/").text.contains("quick-search")))
            #expect(try await outsider.get("/m/members/quick?q=u_").status == .forbidden)
        }
    }
}
