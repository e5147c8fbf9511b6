import Foundation
import Host
import HostTesting
import HTTPTypes
import HummingbirdTesting
import SQLKit
import Testing

@Suite("avatar uploads")
struct AvatarUploadTests {
    /// A real 1×1 PNG.
    static let png: [UInt8] = Array(Data(base64Encoded: "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==")!)
    /// The start of a JFIF file and its end marker.
    static let jpeg: [UInt8] = [0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10] + Array("JFIF".utf8) + [0x00, 0x01, 0x01, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00, 0xFF, 0xD9]

    func staffFields(_ login: String, role: Int64) -> [String: String] {
        ["login": login, "password": "pass-1234-ok", "real_name": "洪娘", "role_id": String(role)]
    }

    // MARK: - Accepted

    @Test("a PNG is stored under the data directory with a generated name and served from /uploads as image/png with nosniff")
    func pngStoredAndServed() async throws {
        let t = try await TestHost.make(modules: [])
        try await t.admin()
        let role = try await t.role("红娘")
        try await t.test { client in
            var admin = try await Browser.login(client, "admin")
            let response = try await admin.postMultipart("/m/core/staff", fields: staffFields("pic", role: role),
                                                         file: ("avatar", "me.png", "image/png", Self.png))
            #expect(response.status == .seeOther)
            let name = try await t.userColumn("pic", "avatar") ?? ""
            #expect(name.range(of: "^[0-9a-f]{32}\\.png$", options: .regularExpression) != nil)
            #expect(t.uploadedFiles() == [name])
            #expect(t.uploadedBytes(name) == Self.png)

            var anonymous = Browser(client)
            #expect(try await anonymous.bytes("/uploads/\(name)").status == .notFound, "not shown on the public site: staff only")
            let served = try await admin.bytes("/uploads/\(name)")
            #expect(served.status == .ok)
            #expect(served.headers[.contentType] == "image/png")
            #expect(served.headers[values: .init("X-Content-Type-Options")!] == ["nosniff"])
            #expect(served.bytes == Self.png)
            #expect(try await admin.get("/m/core/staff").text.contains("src=\"/uploads/\(name)\""))
        }
    }

    @Test("a JPEG uploaded on edit under a .png name is recognised by its bytes and served as image/jpeg")
    func jpegByContent() async throws {
        let t = try await TestHost.make(modules: [])
        try await t.admin()
        let role = try await t.role("红娘")
        let id = try await t.staff("hn1", role: role)
        try await t.test { client in
            var admin = try await Browser.login(client, "admin")
            let response = try await admin.postMultipart("/m/core/staff/\(id)", fields: ["real_name": "HN1", "role_id": String(role)],
                                                         file: ("avatar", "photo.png", "image/png", Self.jpeg))
            #expect(response.status == .seeOther)
            let name = try await t.userColumn("hn1", "avatar") ?? ""
            #expect(name.hasSuffix(".jpg") && name != "photo.png")
            let served = try await admin.bytes("/uploads/\(name)")
            #expect(served.status == .ok && served.headers[.contentType] == "image/jpeg" && served.bytes == Self.jpeg)
            #expect(try await t.auditRows(action: "staff.update").first?.after_state?.contains(name) == true)
        }
    }

    @Test("a staff member sets their own avatar on the profile page")
    func profileAvatar() async throws {
        let t = try await TestHost.make(modules: [])
        try await t.staff("hn1", role: try await t.role("红娘"))
        try await t.test { client in
            var me = try await Browser.login(client, "hn1")
            let response = try await me.postMultipart("/m/core/profile", fields: ["real_name": "HN1", "language": "zh-CN"],
                                                      file: ("avatar", "selfie.png", "image/png", Self.png))
            #expect(response.status == .seeOther)
            let name = try await t.userColumn("hn1", "avatar") ?? ""
            #expect(name.hasSuffix(".png") && t.uploadedFiles() == [name])
            #expect(try await me.get("/m/core/profile").text.contains("src=\"/uploads/\(name)\""))
        }
    }

    // MARK: - Refused

    @Test("a text file named x.png is refused with the field error; no account and no file are stored")
    func textRefused() async throws {
        let t = try await TestHost.make(modules: [])
        try await t.admin()
        let role = try await t.role("红娘")
        try await t.test { client in
            var admin = try await Browser.login(client, "admin")
            let page = try await admin.postMultipart("/m/core/staff", fields: staffFields("pic", role: role),
                                                     file: ("avatar", "x.png", "image/png", Array("<svg onload=alert(1)>".utf8)))
            #expect(page.status.code == 422)
            #expect(HTMLProbe.fieldError("avatar", in: page.text) == "头像须为 JPEG、PNG 或 WebP 图片。")
            #expect(try await t.userID("pic") == 0)
            #expect(t.uploadedFiles().isEmpty)
            let profile = try await admin.postMultipart("/m/core/profile", fields: ["real_name": "ADMIN", "language": "zh-CN"],
                                                        file: ("avatar", "x.png", "image/png", Array("hello".utf8)))
            #expect(profile.status.code == 422)
            #expect(HTMLProbe.fieldError("avatar", in: profile.text, form: "profile") == "头像须为 JPEG、PNG 或 WebP 图片。")
            #expect(try await t.userColumn("admin", "avatar") == "")
        }
    }

    @Test("an image over 2 MiB is refused with the size rule")
    func tooLarge() async throws {
        let t = try await TestHost.make(modules: [])
        try await t.admin()
        let role = try await t.role("红娘")
        try await t.test { client in
            var admin = try await Browser.login(client, "admin")
            let big = Self.png + [UInt8](repeating: 0, count: 2 * 1024 * 1024)
            let page = try await admin.postMultipart("/m/core/staff", fields: staffFields("pic", role: role),
                                                     file: ("avatar", "big.png", "image/png", big))
            #expect(page.status.code == 422)
            #expect(HTMLProbe.fieldError("avatar", in: page.text) == "头像不能超过 2 MB。")
            #expect(try await t.userID("pic") == 0)
            #expect(t.uploadedFiles().isEmpty)
        }
    }

    @Test("/uploads serves only names the store generates: an original filename or a path is 404")
    func onlyGeneratedNames() async throws {
        let t = try await TestHost.make(modules: [])
        try await t.test { client in
            var anonymous = Browser(client)
            for uri in ["/uploads/me.png", "/uploads/..%2F..%2Fetc%2Fpasswd", "/uploads/\(String(repeating: "a", count: 32)).png"] {
                let response = try await anonymous.bytes(uri)
                #expect(response.status == .notFound, "\(uri)")
            }
        }
    }
}
