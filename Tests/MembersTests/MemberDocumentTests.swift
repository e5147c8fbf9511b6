import Foundation
import HostTesting
import SQLKit
import Testing

@Suite("member documents")
struct MemberDocumentTests {
    static let png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A] + (0...255).map { UInt8($0) }
    static let jpeg: [UInt8] = [0xFF, 0xD8, 0xFF, 0xE0] + Array(repeating: 0xAB, count: 64)

    static func team() async throws -> MembersTeam {
        let team = try await MembersTeam.make()
        let docs = ["members.member.viewDocuments", "members.member.manageDocuments"]
        try await team.t.grant(roleOf: "hna", docs, scope: "own")
        try await team.t.grant(roleOf: "hnb", docs, scope: "own")
        try await team.t.grant(roleOf: "mgra", ["members.member.viewDocuments"], scope: "subtree")
        try await team.t.grant(roleOf: "gm", ["members.member.viewDocuments", "members.member.delete"], scope: "subtree")
        return team
    }

    @Test("a file uploaded to a member is listed, downloaded byte for byte under its real type, and every step is audited")
    func roundTrip() async throws {
        let team = try await Self.team()
        let member = team.members["hna"]!
        try await team.t.test { client in
            var hna = try await Browser.login(client, "hna")
            #expect(try await hna.get("/m/members/\(member)").text.contains("href=\"/m/members/\(member)/documents\""))
            let sent = try await hna.postMultipart("/m/members/\(member)/documents", fields: ["category": "id_card"],
                                                   file: ("file", "C:\\scans\\身份证正面.png", "application/octet-stream", Self.png))
            #expect(sent.status == .seeOther && sent.location == "/m/members/\(member)/documents")
            let listing = try await hna.get("/m/members/\(member)/documents").text
            let id = try #require(try await team.t.db.select().column("id").from("members_document").where("member_id", .equal, member)
                .first(decodingColumn: "id", as: Int64.self))
            #expect(listing.contains("<a href=\"/m/members/\(member)/documents/\(id)\">身份证正面.png</a>"))
            #expect(listing.contains("<td>身份证</td>") && listing.contains("<td>PNG</td>") && listing.contains("264 B") && listing.contains("HNA"))
            let file = try await hna.bytes("/m/members/\(member)/documents/\(id)")
            #expect(file.status == .ok && file.bytes == Self.png)
            #expect(file.headers[.contentType] == "image/png")
            #expect(file.headers[.contentDisposition]?.hasPrefix("attachment;") == true)
            // A JPEG sent as "scan.png" is stored as what it is.
            _ = try await hna.postMultipart("/m/members/\(member)/documents", fields: ["category": "education"],
                                            file: ("file", "scan.png", "image/png", Self.jpeg))
            #expect(try await team.t.db.select().column("filename").from("members_document").where("kind", .equal, "jpeg")
                .first(decodingColumn: "filename", as: String.self) == "scan.png.jpg")
            struct Audit: Decodable { let action: String; let target: String; let after_state: String? }
            let audit = try await team.t.db.select().columns("action", "target", "after_state").from("core_audit")
                .where("action", .like, "member.document.%").orderBy("id").all(decoding: Audit.self)
            #expect(audit.map(\.action) == ["member.document.upload", "member.document.download", "member.document.upload"])
            #expect(audit.allSatisfy { $0.target == "member:\(member)" })
            #expect(audit[1].after_state == "document:\(id) 身份证正面.png")
        }
    }

    @Test("a file that is not PDF, JPEG or PNG by content, a file over 3 MB, and no file are refused with a message on the field")
    func refused() async throws {
        let team = try await Self.team()
        let member = team.members["hna"]!
        try await team.t.test { client in
            var hna = try await Browser.login(client, "hna")
            let fake = try await hna.postMultipart("/m/members/\(member)/documents", fields: ["category": "id_card"],
                                                   file: ("file", "contract.pdf", "application/pdf", Array("<html>not a pdf</html>".utf8)))
            #expect(fake.status == .unprocessableContent && fake.text.contains("只能上传 PDF、JPEG 或 PNG 文件"))
            let big = try await hna.postMultipart("/m/members/\(member)/documents", fields: ["category": "id_card"],
                                                  file: ("file", "big.pdf", "application/pdf", Array("%PDF-1.7\n".utf8) + Array(repeating: 0x20, count: 3 * 1024 * 1024)))
            #expect(big.status == .unprocessableContent && big.text.contains("文件不能超过 3 MB"))
            let none = try await hna.postMultipart("/m/members/\(member)/documents", fields: ["category": "nonsense"], file: nil)
            #expect(none.status == .unprocessableContent && none.text.contains("请选择要上传的文件") && none.text.contains("请选择资料类型"))
            #expect(try await team.t.count("members_document") == 0)
            #expect(try await team.t.count("core_audit", where: "action", "member.document.upload") == 0)
        }
    }

    @Test("documents follow the member's visibility: another team gets 404, a grant without the action 403, view without manage no upload")
    func visibility() async throws {
        let team = try await Self.team()
        let member = team.members["hna"]!
        try await team.t.test { client in
            var hna = try await Browser.login(client, "hna")
            _ = try await hna.postMultipart("/m/members/\(member)/documents", fields: ["category": "other"], file: ("file", "a.png", "image/png", Self.png))
            let id = try #require(try await team.t.db.select().column("id").from("members_document").first(decodingColumn: "id", as: Int64.self))
            var hnb = try await Browser.login(client, "hnb")
            #expect(try await hnb.get("/m/members/\(member)/documents").status == .notFound)
            #expect(try await hnb.bytes("/m/members/\(member)/documents/\(id)").status == .notFound)
            // hnb's own member with hna's document id: not that member's document.
            #expect(try await hnb.bytes("/m/members/\(team.members["hnb"]!)/documents/\(id)").status == .notFound)
            #expect(try await hnb.post("/m/members/\(member)/documents/\(id)/delete").status == .notFound)
            var mgrb = try await Browser.login(client, "mgrb")
            let own = team.members["mgrb"]!
            #expect(try await mgrb.get("/m/members/\(own)/documents").status == .forbidden)
            let ownPage = try await mgrb.get("/m/members/\(own)").text
            #expect(ownPage.contains("u_mgrb") && !ownPage.contains("/m/members/\(own)/documents"))
            // mgra sees hna's member and may read its documents, not upload or delete.
            var mgra = try await Browser.login(client, "mgra")
            let page = try await mgra.get("/m/members/\(member)/documents").text
            #expect(page.contains("a.png") && !page.contains("上传资料") && !page.contains("/documents/\(id)/delete"))
            #expect(try await mgra.bytes("/m/members/\(member)/documents/\(id)").bytes == Self.png)
            #expect(try await mgra.post("/m/members/\(member)/documents/\(id)/delete").status == .forbidden)
            #expect(try await team.t.count("members_document") == 1)
        }
    }

    @Test("a document is deleted on its own after confirmation (audited) and with its member")
    func deletion() async throws {
        let team = try await Self.team()
        let member = team.members["hna"]!
        try await team.t.test { client in
            var hna = try await Browser.login(client, "hna")
            for name in ["one.png", "two.png"] {
                _ = try await hna.postMultipart("/m/members/\(member)/documents", fields: ["category": "other"], file: ("file", name, "image/png", Self.png))
            }
            let ids = try await team.t.db.select().column("id").from("members_document").orderBy("id").all(decodingColumn: "id", as: Int64.self)
            let page = try await hna.get("/m/members/\(member)/documents").text
            #expect(page.contains("确定删除“one.png”吗？删除后不能恢复。"))
            let deleted = try await hna.post("/m/members/\(member)/documents/\(ids[0])/delete")
            #expect(deleted.status == .seeOther && deleted.location == "/m/members/\(member)/documents")
            #expect(try await team.t.db.select().column("filename").from("members_document").all(decodingColumn: "filename", as: String.self) == ["two.png"])
            let before = try await team.t.db.select().column("before_state").from("core_audit").where("action", .equal, "member.document.delete")
                .first(decodingColumn: "before_state", as: String.self)
            #expect(before == "document:\(ids[0]) other one.png 264 bytes")
            var gm = try await Browser.login(client, "gm")
            #expect(try await gm.post("/m/members/\(member)/delete").status == .seeOther)
            #expect(try await team.t.count("members_member", where: "id", member) == 0)
            #expect(try await team.t.count("members_document") == 0)
        }
    }
}
