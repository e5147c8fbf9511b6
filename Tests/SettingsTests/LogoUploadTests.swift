import Foundation
import HostTesting
import HummingbirdTesting
import Settings
import SQLKit
import Testing

@Suite("agency logo upload")
struct LogoUploadTests {
    /// A real 1×1 PNG (a signature followed by junk is refused as not an image).
    static let png: [UInt8] = Array(Data(base64Encoded: "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==")!)

    @Test("an uploaded PNG becomes the logo address and shows in the top bar; a text file is refused and nothing changes")
    func upload() async throws {
        let t = try await TestHost.make(modules: [SettingsModule()])
        try await t.admin()
        let png = Self.png
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

    @Test("the uploaded logo is public (the public site shows it); replacing it deletes the old file")
    func logoPublicAndReplaced() async throws {
        let t = try await TestHost.make(modules: [SettingsModule()])
        try await t.admin()
        @Sendable func logo() async throws -> String {
            try await t.db.select().column("value").from("core_setting").where("key", .equal, "agency.logo")
                .first(decodingColumn: "value", as: String.self) ?? ""
        }
        try await t.test { client in
            var admin = try await Browser.login(client, "admin")
            var fields = SitePagesTests.valid
            fields["agency.logo"] = ""
            _ = try await admin.postMultipart("/m/settings/site", fields: fields,
                                              file: (name: "logo_file", filename: "logo.png", type: "image/png", bytes: Self.png))
            let first = try await logo()
            var anonymous = Browser(client)
            let served = try await anonymous.bytes(first)
            #expect(served.status == .ok && served.bytes == Self.png, "visitors of the public site get the logo")
            fields["agency.logo"] = first
            let saved = try await admin.postMultipart("/m/settings/site", fields: fields,
                                                      file: (name: "logo_file", filename: "new.png", type: "image/png", bytes: Self.png))
            #expect(saved.status == .seeOther)
            let second = try await logo()
            #expect(second != first && second.hasPrefix("/uploads/"))
            #expect(t.uploadedFiles() == [String(second.dropFirst("/uploads/".count))], "the replaced logo is gone from disk")
            #expect(try await anonymous.bytes(first).status == .notFound)
        }
    }
}
