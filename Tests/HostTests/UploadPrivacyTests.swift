import Foundation
@testable import Host
import HostTesting
import HummingbirdTesting
import SQLKit
import Testing

/// Test images: a JPEG whose Exif carries a GPS position, and PNG/WebP files with metadata chunks.
enum TaggedImages {
    static func segment(_ marker: UInt8, _ payload: [UInt8]) -> [UInt8] {
        let length = payload.count + 2
        return [0xFF, marker, UInt8(length >> 8), UInt8(length & 0xFF)] + payload
    }

    static let jfif = segment(0xE0, Array("JFIF".utf8) + [0, 1, 1, 0, 0, 1, 0, 1, 0, 0])
    static let picture: [UInt8] = segment(0xDB, [0] + Array(repeating: 1, count: 64)) + segment(0xC0, [8, 0, 1, 0, 1, 1, 1, 0x11, 0])
        + segment(0xC4, [0] + Array(repeating: 0, count: 16)) + segment(0xDA, [1, 1, 0, 0, 0x3F, 0])
        + [0x12, 0x34, 0xFF, 0x00, 0x56, 0xFF, 0xD0, 0x78]   // scan data with a stuffed byte and a restart marker
    /// Exif with GPS tags, an XMP packet and a comment around the picture.
    static let jpegWithGPS: [UInt8] = [0xFF, 0xD8] + jfif
        + segment(0xE1, Array("Exif".utf8) + [0, 0] + Array("MM*GPSLatitude 31.2304N GPSLongitude 121.4737E".utf8))
        + segment(0xE1, Array("http://ns.adobe.com/xap/1.0/\0<x:xmpmeta>GPS home</x:xmpmeta>".utf8))
        + segment(0xFE, Array("shot at home, GPS on".utf8)) + picture + [0xFF, 0xD9] + Array("trailing GPS".utf8)
    /// The same file as it must be stored.
    static let jpegStripped: [UInt8] = [0xFF, 0xD8] + jfif + picture + [0xFF, 0xD9]

    /// A real 1×1 PNG.
    static let png: [UInt8] = AvatarUploadTests.png
    static func pngChunk(_ type: String, _ data: [UInt8]) -> [UInt8] {
        let n = data.count
        return [UInt8(n >> 24), UInt8(n >> 16 & 0xFF), UInt8(n >> 8 & 0xFF), UInt8(n & 0xFF)] + Array(type.utf8) + data + [0, 0, 0, 0]
    }
    /// The PNG with eXIf, tEXt and tIME chunks after its header.
    static let pngWithGPS: [UInt8] = Array(png[0..<33]) + pngChunk("eXIf", Array("MM*GPSLatitude".utf8))
        + pngChunk("tEXt", Array("Comment\0GPS 31.23N".utf8)) + pngChunk("tIME", [7, 0xE8, 1, 1, 0, 0, 0]) + Array(png[33...])

    static func webpChunk(_ fourCC: String, _ data: [UInt8]) -> [UInt8] {
        let n = data.count
        return Array(fourCC.utf8) + [UInt8(n & 0xFF), UInt8(n >> 8 & 0xFF), UInt8(n >> 16 & 0xFF), UInt8(n >> 24)] + data + (n % 2 == 1 ? [0] : [])
    }
    static func riff(_ chunks: [UInt8]) -> [UInt8] {
        let n = chunks.count + 4
        return Array("RIFF".utf8) + [UInt8(n & 0xFF), UInt8(n >> 8 & 0xFF), UInt8(n >> 16 & 0xFF), UInt8(n >> 24)] + Array("WEBP".utf8) + chunks
    }
    static let vp8l = webpChunk("VP8L", [0x2F, 0, 0, 0, 0x10])
    /// VP8X announcing Exif (0x08) and XMP (0x04), then the image, EXIF and XMP chunks.
    static let webpWithGPS = riff(webpChunk("VP8X", [0x08 | 0x04, 0, 0, 0, 0, 0, 0, 0, 0, 0]) + vp8l
        + webpChunk("EXIF", Array("MM*GPSLatitude".utf8)) + webpChunk("XMP ", Array("<x:xmpmeta>GPS</x:xmpmeta>".utf8)))
    static let webpStripped = riff(webpChunk("VP8X", [0, 0, 0, 0, 0, 0, 0, 0, 0, 0]) + vp8l)

    static func contains(_ haystack: [UInt8], _ needle: String) -> Bool {
        let n = Array(needle.utf8)
        guard haystack.count >= n.count else { return false }
        return (0...(haystack.count - n.count)).contains { haystack[$0..<($0 + n.count)].elementsEqual(n) }
    }
}

@Suite("uploads: who may fetch them, deleting replaced files, stripping metadata")
struct UploadPrivacyTests {

    // MARK: - Who may fetch a staff avatar

    @Test("a staff avatar is served to anonymous visitors only while its owner is active and shown on the public site; otherwise only to logged-in staff")
    func staffAvatarAudience() async throws {
        let t = try await TestHost.make(modules: [])
        let role = try await t.role("红娘")
        try await t.staff("hn1", role: role)
        try await t.staff("hn2", role: role)
        try await t.test { client in
            var me = try await Browser.login(client, "hn1")
            _ = try await me.postMultipart("/m/core/profile", fields: ["real_name": "HN1", "language": "zh-CN"],
                                           file: ("avatar", "me.png", "image/png", AvatarUploadTests.png))
            let name = try await t.userColumn("hn1", "avatar") ?? ""
            #expect(!name.isEmpty)
            var anonymous = Browser(client)
            let hidden = try await anonymous.bytes("/uploads/\(name)")
            #expect(hidden.status == .notFound && hidden.bytes != AvatarUploadTests.png, "not shown on the public site: anonymous gets 404")
            var colleague = try await Browser.login(client, "hn2")
            let forStaff = try await colleague.bytes("/uploads/\(name)")
            #expect(forStaff.status == .ok && forStaff.bytes == AvatarUploadTests.png, "any logged-in staff member sees it")

            try await t.db.update("core_user").set("show_public", to: 1).where("login", .equal, "hn1").run()
            let shown = try await anonymous.bytes("/uploads/\(name)")
            #expect(shown.status == .ok && shown.bytes == AvatarUploadTests.png, "a public matchmaker's avatar is public")
            #expect(shown.headers[.contentType] == "image/png")

            try await t.db.update("core_user").set("status", to: "disabled").where("login", .equal, "hn1").run()
            #expect(try await anonymous.bytes("/uploads/\(name)").status == .notFound, "a disabled account is not on the public site")
        }
    }

    // MARK: - Replaced files are deleted

    @Test("replacing an avatar on the profile page deletes the old file; the new one is the only file left")
    func profileReplaceDeletes() async throws {
        let t = try await TestHost.make(modules: [])
        try await t.staff("hn1", role: try await t.role("红娘"))
        try await t.test { client in
            var me = try await Browser.login(client, "hn1")
            _ = try await me.postMultipart("/m/core/profile", fields: ["real_name": "HN1", "language": "zh-CN"],
                                           file: ("avatar", "one.png", "image/png", AvatarUploadTests.png))
            let first = try await t.userColumn("hn1", "avatar") ?? ""
            #expect(t.uploadedFiles() == [first])
            _ = try await me.postMultipart("/m/core/profile", fields: ["real_name": "HN1", "language": "zh-CN"],
                                           file: ("avatar", "two.jpg", "image/jpeg", AvatarUploadTests.jpeg))
            let second = try await t.userColumn("hn1", "avatar") ?? ""
            #expect(second != first && second.hasSuffix(".jpg"))
            #expect(t.uploadedFiles() == [second], "the replaced avatar is gone from disk")
            #expect(try await me.bytes("/uploads/\(first)").status == .notFound)
            #expect(try await t.count("core_upload", where: "name", first) == 0)
        }
    }

    @Test("replacing a staff member's avatar on the staff form deletes the old file")
    func staffFormReplaceDeletes() async throws {
        let t = try await TestHost.make(modules: [])
        try await t.admin()
        let role = try await t.role("红娘")
        let id = try await t.staff("hn1", role: role)
        try await t.test { client in
            var admin = try await Browser.login(client, "admin")
            for (file, bytes) in [("a.png", AvatarUploadTests.png), ("b.png", AvatarUploadTests.png)] {
                let saved = try await admin.postMultipart("/m/core/staff/\(id)", fields: ["real_name": "HN1", "role_id": String(role)],
                                                          file: ("avatar", file, "image/png", bytes))
                #expect(saved.status == .seeOther)
            }
            let current = try await t.userColumn("hn1", "avatar") ?? ""
            #expect(t.uploadedFiles() == [current], "only the current avatar is on disk")
        }
    }

    // MARK: - Metadata

    @Test("a JPEG's Exif (with its GPS position), XMP, comment and trailing bytes are removed before storage; the picture stays")
    func jpegExifStripped() async throws {
        let t = try await TestHost.make(modules: [])
        try await t.staff("hn1", role: try await t.role("红娘"))
        try await t.test { client in
            var me = try await Browser.login(client, "hn1")
            let saved = try await me.postMultipart("/m/core/profile", fields: ["real_name": "HN1", "language": "zh-CN"],
                                                   file: ("avatar", "gps.jpg", "image/jpeg", TaggedImages.jpegWithGPS))
            #expect(saved.status == .seeOther)
            let name = try await t.userColumn("hn1", "avatar") ?? ""
            let bytes = t.uploadedBytes(name) ?? []
            #expect(!TaggedImages.contains(bytes, "GPS") && !TaggedImages.contains(bytes, "Exif"))
            #expect(bytes.starts(with: [0xFF, 0xD8]) && TaggedImages.contains(bytes, "JFIF"))
            #expect(bytes == TaggedImages.jpegStripped, "every picture segment and the scan data are kept byte for byte")
            #expect(try await me.bytes("/uploads/\(name)").bytes == TaggedImages.jpegStripped)
        }
    }

    @Test("PNG eXIf/tEXt/tIME chunks and WebP EXIF/XMP chunks (and their VP8X flags) are removed")
    func pngAndWebPStripped() throws {
        #expect(try ImageMetadata.strip(TaggedImages.pngWithGPS, as: .png) == TaggedImages.png)
        #expect(try ImageMetadata.strip(TaggedImages.png, as: .png) == TaggedImages.png)
        #expect(try ImageMetadata.strip(TaggedImages.webpWithGPS, as: .webp) == TaggedImages.webpStripped)
        #expect(try ImageMetadata.strip(TaggedImages.jpegWithGPS, as: .jpeg) == TaggedImages.jpegStripped)
        let store = UploadStore(directory: FileManager.default.temporaryDirectory.appendingPathComponent("yl-strip-\(UUID().uuidString)").path)
        let name = try store.saveImage(TaggedImages.pngWithGPS)
        #expect(store.load(name).map { Array($0.0) } == TaggedImages.png)
    }

    @Test("a file with an image signature but a broken structure is refused as not an image, and nothing is stored")
    func malformedRefused() async throws {
        let t = try await TestHost.make(modules: [])
        try await t.staff("hn1", role: try await t.role("红娘"))
        let broken: [UInt8] = ImageMetadata.pngSignature + Array(repeating: 7, count: 100)
        #expect(throws: UploadStore.Problem.notAnImage) { try UploadStore.clean(Array(TaggedImages.jpegWithGPS.prefix(40))) }
        #expect(throws: UploadStore.Problem.notAnImage) { try UploadStore.clean(Array(TaggedImages.webpWithGPS.prefix(30))) }
        try await t.test { client in
            var me = try await Browser.login(client, "hn1")
            let page = try await me.postMultipart("/m/core/profile", fields: ["real_name": "HN1", "language": "zh-CN"],
                                                  file: ("avatar", "x.png", "image/png", broken))
            #expect(page.status.code == 422)
            #expect(HTMLProbe.fieldError("avatar", in: page.text, form: "profile") == "头像须为 JPEG、PNG 或 WebP 图片。")
            #expect(t.uploadedFiles().isEmpty)
            #expect(try await t.userColumn("hn1", "avatar") == "")
        }
    }
}
