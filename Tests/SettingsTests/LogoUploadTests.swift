import HostTesting
import HummingbirdTesting
import Settings
import SQLKit
import Testing

@Suite("agency logo upload")
struct LogoUploadTests {
    @Test("an uploaded PNG becomes the logo address and shows in the top bar; a text file is refused and nothing changes")
    func upload() async throws {
        let t = try await TestHost.make(modules: [SettingsModule()])
        try await t.admin()
        let png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A] + Array(repeating: 7, count: 100)
        try await t.test { client in
            var admin = try await Browser.login(client, "admin")
            var fields = SitePagesTests.valid
            fields["agency.logo"] = ""
            let refused = try await admin.postMultipart("/m/settings/site", fields: fields,
                                                        file: (name: "logo_file", filename: "logo.png", type: "image/png", bytes: Array("not an image".utf8)))
            #expect(refused.status.code == 422)
            #expect(refused.text.contains("JPEG、PNG 或 WebP"))
            #expect(try await t.db.select().column("key").from("core_setting").all().isEmpty)
            let saved = try await admin.postMultipart("/m/settings/site", fields: fields,
                                                      file: (name: "logo_file", filename: "logo.png", type: "image/png", bytes: png))
            #expect(saved.status == .seeOther)
            let logo = try await t.db.select().column("value").from("core_setting").where("key", .equal, "agency.logo")
                .first(decodingColumn: "value", as: String.self) ?? ""
            #expect(logo.hasPrefix("/uploads/") && logo.hasSuffix(".png") && !logo.contains("logo.png"))
            let page = try await admin.get("/")
            #expect(page.text.contains("src=\"\(logo)\""))
            let image = try await admin.get(logo)
            #expect(image.headers[.contentType] == "image/png")
        }
    }
}
