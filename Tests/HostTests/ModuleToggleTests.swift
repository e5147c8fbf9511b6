import Foundation
import Host
import HostTesting
import HummingbirdTesting
import Settings
import SQLKit
import Testing

@Suite("switching a module off and on")
struct ModuleToggleTests {
    let modules = [SettingsModule()]

    /// The href of each top tab, in order.
    func tabs(_ html: String) -> [String] {
        guard let start = html.range(of: "<nav class=\"tabs\">"), let end = html[start.upperBound...].range(of: "</nav>") else { return [] }
        return html[start.upperBound..<end.lowerBound].components(separatedBy: "<a href=\"").dropFirst().map { String($0.prefix { $0 != "\"" }) }
    }

    @Test("with Settings on, its pages and API answer, its tab and menu show, and the role grid has its rows")
    func enabled() async throws {
        let t = try await TestHost.make(modules: modules)
        try await t.admin()
        let role = try await t.role("红娘")
        try await t.grant(role, ["settings.dictionary.view"])
        try await t.staff("hn1", role: role)
        try await t.test { client in
            var admin = try await Browser.login(client, "admin")
            let site = try await admin.get("/m/settings/site")
            #expect(site.status == .ok)
            #expect(tabs(site.text) == ["/", "/m/settings/site", "/m/core/staff"])
            #expect(site.text.contains(">系统设置</a>"))
            #expect(site.text.contains("href=\"/m/settings/dictionary\"") && site.text.contains("href=\"/m/settings/regions\""))
            #expect(try await admin.get("/api/settings/dictionary/education").status == .ok)
            let grid = try await admin.get("/m/core/roles/\(role)/permissions")
            #expect(grid.text.contains("<h2>系统设置</h2>") && grid.text.contains("value=\"settings.dictionary.view\""))

            var hn = try await Browser.login(client, "hn1")
            let home = try await hn.get("/")
            #expect(tabs(home.text) == ["/", "/m/settings/dictionary"])   // no core grant: no System tab
            #expect(try await hn.get("/m/settings/site").status == .forbidden)
        }
    }

    @Test("switched off, Settings' pages, API, tab, widget and grid rows disappear, but its data and grants stay; switched on, all is back")
    func roundTrip() async throws {
        let t = try await TestHost.make(modules: modules)
        try await t.admin()
        let role = try await t.role("红娘")
        try await t.grant(role, ["settings.dictionary.view", "core.staff.view"])
        try await t.staff("hn1", role: role)
        try await t.test { client in
            var admin = try await Browser.login(client, "admin")
            let added = try await admin.post("/m/settings/dictionary/education/options", form: [
                "code": "overseas_phd", "label_zh": "海外博士", "label_en": "Overseas PhD", "sort_order": "100", "enabled": "1"])
            #expect(added.status == .seeOther)
        }

        let off = try await t.reopen(modules: modules, enabled: [])
        try await off.test { client in
            var admin = try await Browser.login(client, "admin")
            for uri in ["/m/settings/site", "/m/settings/dictionary", "/m/settings/dictionary/education", "/m/settings/regions",
                        "/api/settings/dictionary/education", "/api/settings/regions?parent=110000"] {
                let page = try await admin.get(uri)
                #expect(page.status == .notFound, "\(uri) answered \(page.status)")
                #expect(!page.text.contains("海外博士"))
            }
            #expect(try await admin.post("/m/settings/dictionary/education/options", form: ["code": "x1", "label_zh": "x", "label_en": "x"]).status == .notFound)
            let home = try await admin.get("/")
            #expect(tabs(home.text) == ["/", "/m/core/staff"])
            #expect(!home.text.contains("/m/settings/") && !home.text.contains("data-widget=\"settings."))
            let grid = try await admin.get("/m/core/roles/\(role)/permissions")
            #expect(!grid.text.contains("系统设置") && !grid.text.contains("settings."))

            var hn = try await Browser.login(client, "hn1")
            #expect(try await hn.get("/m/settings/dictionary").status == .notFound)
            #expect(tabs(try await hn.get("/").text) == ["/", "/m/core/staff"])

            #expect(try await off.count("settings_dict_option", where: "code", "overseas_phd") == 1)
            #expect(try await off.grants(of: role)["settings.dictionary.view"] == "subtree")
        }

        let on = try await off.reopen(modules: modules, enabled: ["settings"])
        try await on.test { client in
            var admin = try await Browser.login(client, "admin")
            let page = try await admin.get("/m/settings/dictionary/education")
            #expect(page.status == .ok && page.text.contains("海外博士"))
            #expect(tabs(try await admin.get("/").text).contains("/m/settings/site"))
            var hn = try await Browser.login(client, "hn1")
            #expect(try await hn.get("/m/settings/dictionary").status == .ok)
            #expect(try await hn.get("/api/settings/dictionary/education").text.contains("overseas_phd"))
        }
    }
}
