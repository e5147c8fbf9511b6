import Foundation
import HostTesting
import PluginAPI
import Testing

@Suite("referrals: the second language")
struct ReferralLanguageTests {
    @Test("in English the pages use the YAML's en labels and every rule answers in English")
    func english() async throws {
        let team = try await ReferralTeam.make()
        let member = try await team.member("alice01", owner: "hna")
        _ = try await team.referral("张三", mobile: "13900000001", owner: "hna", referrer: member)
        try await team.t.test { client in
            var hna = try await Browser.login(client, "hna")
            _ = try await hna.post("/language", form: ["to": "en"])
            let list = try await hna.get("/m/referrals/referral").text
            #expect(list.contains("Referring member") && list.contains("Referral date") && list.contains(">New<"))
            let bad = try await hna.post("/m/referrals/referral", form: ["referrer": "999999", "referred_name": "", "mobile": "13900000001",
                                                                         "status": "new", "reward": "abc", "referred_on": "soon"])
            #expect(bad.status == .unprocessableContent)
            #expect(HTMLProbe.fieldError("referrer", in: bad.text, form: "referral-form") == "Referring member: there is no member with UID 999999 you may see.")
            #expect(HTMLProbe.fieldError("referred_name", in: bad.text, form: "referral-form") == "Referred person is required.")
            #expect(HTMLProbe.fieldError("mobile", in: bad.text, form: "referral-form") == "Mobile “13900000001” is already used by another record.")
            #expect(HTMLProbe.fieldError("reward", in: bad.text, form: "referral-form") == "Reward must be an amount in yuan, e.g. 128 or 128.50.")
            #expect(HTMLProbe.fieldError("referred_on", in: bad.text, form: "referral-form") == "Referral date must be a date, yyyy-MM-dd.")
            #expect(try await team.t.count("referrals_referral") == 1)
        }
    }
}
