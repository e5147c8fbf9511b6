import Foundation
import HostTesting
import SQLKit
import Testing

/// The registration page's behaviour in a real browser (headless Chromium): the live availability check and the
/// cascading region selects, both done by `app.js` against the host's public endpoints. (Headless Chromium asks for English.)
@Suite("front registration in a real browser")
struct RegistrationBrowserTests {
    @Test("typing a taken username shows the message under the field; a free one says it is free; a member's mobile reads like any valid one; choosing a province fills the cities",
          .enabled(if: RealBrowser.available, "needs Chromium and Node.js (CI installs Chromium)"))
    func liveChecks() async throws {
        let team = try await PreSaleTeam.make()
        let taken = try await team.member("taken_name", owner: nil)
        try await team.t.db.update("members_member").set("mobile", to: "13912345678").where("id", .equal, taken).run()
        try await team.t.test(live: true) { client in
            let base = "http://127.0.0.1:\(try #require(client.port))"
            let lines = try await RealBrowser.run(base: base, steps: [
                .goto("/register"),
                .type("#f-register-form-username", "taken_name"), .blur("#f-register-form-username"),
                .waitText("#f-register-form-username-live", contains: "taken"),
                .eval("document.querySelector('#f-register-form-username').getAttribute('aria-invalid')"),
                .type("#f-register-form-username", "free_name_1"), .blur("#f-register-form-username"),
                .waitText("#f-register-form-username-live", contains: "Available"),
                // The checks are POSTs with the page's token: a bad mobile gets the rule, a member's mobile only clears it.
                .type("#f-register-form-mobile", "12345"), .blur("#f-register-form-mobile"),
                .waitText("#f-register-form-mobile-live", contains: "11-digit"),
                .type("#f-register-form-mobile", "13912345678"), .blur("#f-register-form-mobile"),
                .waitCount("#f-register-form-mobile-live[hidden]", atLeast: 1),
                .eval("String(document.querySelector('#f-register-form-mobile').getAttribute('aria-invalid'))"),
                .select("#f-register-form-province", "440000"),
                .waitCount("#f-register-form-city option", atLeast: 10),
                .eval("Array.from(document.querySelectorAll('#f-register-form-city option')).map(o => o.textContent).join(',')"),
            ])
            #expect(lines.contains("text This username is taken."))
            #expect(lines.contains("eval \"true\""))
            #expect(lines.contains("text Available."))
            #expect(lines.contains("eval \"null\""))
            let cities = try #require(lines.last)
            #expect(cities.contains("广州市") && cities.contains("深圳市") && !cities.contains("杭州市"))
        }
    }
}
