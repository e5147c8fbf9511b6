import Foundation
import HostTesting
import PluginAPI
import Settings
import Testing

@Suite("region pages")
struct RegionPagesTests {
    @Test("the region page drills from 广东省 to 深圳市 to 南山区 with breadcrumbs")
    func drillDown() async throws {
        let t = try await TestHost.make(modules: [SettingsModule()])
        try await t.admin()
        try await t.test { client in
            var admin = try await Browser.login(client, "admin")
            let provinces = try await admin.get("/m/settings/regions")
            #expect(provinces.status == .ok)
            #expect(provinces.text.contains("<a href=\"/m/settings/regions?code=440000\">广东省</a>"))
            #expect(provinces.text.contains("北京市") && !provinces.text.contains("深圳市"))
            let guangdong = try await admin.get("/m/settings/regions?code=440000")
            #expect(guangdong.text.contains("<a href=\"/m/settings/regions?code=440300\">深圳市</a>"))
            #expect(guangdong.text.contains("广州市") && !guangdong.text.contains("南山区"))
            let shenzhen = try await admin.get("/m/settings/regions?code=440300")
            #expect(shenzhen.text.contains("440305") && shenzhen.text.contains("南山区") && shenzhen.text.contains("福田区"))
            #expect(!shenzhen.text.contains("?code=440305"))                 // districts are leaves
            #expect(shenzhen.text.contains("中国</a> › <a href=\"/m/settings/regions?code=440000\">广东省</a> › <a href=\"/m/settings/regions?code=440300\">深圳市</a>"))
            #expect(try await admin.get("/m/settings/regions?code=999999").status == .notFound)
        }
    }

    @Test("the region API returns the children of 110000 for cascading pickers")
    func api() async throws {
        let t = try await TestHost.make(modules: [SettingsModule()])
        try await t.admin()
        let viewer = try await t.role("前台")
        try await t.grant(viewer, ["settings.region.view"])
        try await t.staff("desk", role: viewer)
        try await t.staff("hn", role: try await t.role("红娘"))
        try await t.test { client in
            var desk = try await Browser.login(client, "desk")
            let page = try await desk.get("/api/settings/regions?parent=110000")
            #expect(page.status == .ok)
            let regions = try JSONDecoder().decode([Region].self, from: Data(page.text.utf8))
            #expect(regions == [Region(code: "110100", parentCode: "110000", level: 2, name: "北京市")])
            let districts = try JSONDecoder().decode([Region].self, from: Data(try await desk.get("/api/settings/regions?parent=110100").text.utf8))
            #expect(districts.first == Region(code: "110101", parentCode: "110100", level: 3, name: "东城区"))
            let top = try JSONDecoder().decode([Region].self, from: Data(try await desk.get("/api/settings/regions").text.utf8))
            #expect(top.count >= 31 && top.allSatisfy { $0.level == 1 } && top.contains { $0.name == "广东省" })
            var hn = try await Browser.login(client, "hn")
            #expect(try await hn.get("/api/settings/regions?parent=110000").status == .forbidden)
        }
    }
}
