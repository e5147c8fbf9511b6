import Foundation
import HostTesting
import HummingbirdTesting
import Members
import SQLKit
import Testing

@Suite("member photos: served only to staff who may see the member, deleted when replaced or rejected")
struct MemberPhotoTests {
    /// A real 1×1 PNG, and a second real one (another colour).
    static let png: [UInt8] = Array(Data(base64Encoded: "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==")!)
    static let otherPNG: [UInt8] = Array(Data(base64Encoded: "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==")!)


    struct Row: Decodable { let id: Int64; let avatar: String; let avatar_status: String }
    func row(_ team: MembersTeam, _ username: String) async throws -> Row? {
        try await team.t.db.select().columns("id", "avatar", "avatar_status").from("members_member").where("username", .equal, username)
            .first(decoding: Row.self)
    }

    static let fields = ["username": "有头像的人", "gender": "female", "birthday": "1993-01-01", "province": "440000", "customer_status": "searching"]

    // MARK: - Who may fetch

    @Test("a member photo is never served at /uploads (anonymous or staff: 404); its member route serves it to hna who owns the member, not to hnb")
    func photoOnlyThroughMemberRoute() async throws {
        let team = try await MembersTeam.make()
        try await team.t.test { client in
            var hnA = try await Browser.login(client, "hna")
            let created = try await hnA.postMultipart("/m/members/", fields: Self.fields, file: (name: "avatar", filename: "me.png", type: "image/png", bytes: Self.png))
            #expect(created.status == .seeOther)
            let member = try #require(try await row(team, "有头像的人"))
            #expect(member.avatar.hasPrefix("/uploads/"))

            var anonymous = Browser(client)
            let leaked = try await anonymous.bytes(member.avatar)
            #expect(leaked.status == .notFound && leaked.bytes != Self.png, "anonymous: 404 at the /uploads path")
            #expect(try await hnA.bytes(member.avatar).status == .notFound, "even the owner does not get it at /uploads")

            let own = try await hnA.bytes("/m/members/\(member.id)/avatar")
            #expect(own.status == .ok && own.bytes == Self.png && own.headers[.contentType] == "image/png", "the owner gets it from the member route")
            let page = try await hnA.get("/m/members/\(member.id)").text
            #expect(page.contains("src=\"/m/members/\(member.id)/avatar") && !page.contains(member.avatar), "the member page points at the route")

            var hnB = try await Browser.login(client, "hnb")
            let peer = try await hnB.bytes("/m/members/\(member.id)/avatar")
            #expect(peer.status == .notFound && peer.bytes != Self.png, "a peer who cannot see the member: 404")
            #expect(try await hnB.bytes(member.avatar).status == .notFound)
            var gm = try await Browser.login(client, "gm")
            #expect(try await gm.bytes("/m/members/\(member.id)/avatar").bytes == Self.png, "a superior who sees the member gets it")

            let stranger = try await anonymous.bytes("/m/members/\(member.id)/avatar")
            #expect(stranger.status != .ok && stranger.bytes != Self.png, "anonymous: sent to the login page, no image")
        }
    }

    // MARK: - Deleted files

    @Test("a rejected photo is deleted from disk and the member keeps no photo; an approved one stays")
    func rejectedPhotoDeleted() async throws {
        let team = try await MembersTeam.make()
        let gmRole = try await team.t.db.select().column("role_id").from("core_user").where("login", .equal, "gm").first(decodingColumn: "role_id", as: Int64.self) ?? 0
        try await team.t.grant(gmRole, ["members.member.audit"], scope: "subtree")
        try await team.t.test { client in
            var hnA = try await Browser.login(client, "hna")
            _ = try await hnA.postMultipart("/m/members/", fields: Self.fields, file: (name: "avatar", filename: "me.png", type: "image/png", bytes: Self.png))
            let member = try #require(try await row(team, "有头像的人"))
            let name = String(member.avatar.dropFirst("/uploads/".count))
            #expect(team.t.uploadedFiles() == [name])
            var gm = try await Browser.login(client, "gm")
            let rejected = try await gm.post("/m/members/\(member.id)/avatar-review", form: ["decision": "rejected"])
            #expect(rejected.status == .seeOther)
            let after = try await row(team, "有头像的人")
            #expect(after?.avatar_status == "rejected" && after?.avatar == "")
            #expect(team.t.uploadedFiles().isEmpty, "the rejected file is gone")
            #expect(try await gm.bytes("/m/members/\(member.id)/avatar").status == .notFound)
        }
    }

    @Test("replacing a member's photo on the edit form deletes the old file")
    func replacedPhotoDeleted() async throws {
        let team = try await MembersTeam.make()
        try await team.t.test { client in
            var hnA = try await Browser.login(client, "hna")
            _ = try await hnA.postMultipart("/m/members/", fields: Self.fields, file: (name: "avatar", filename: "me.png", type: "image/png", bytes: Self.png))
            let first = try #require(try await row(team, "有头像的人"))
            let edited = try await hnA.postMultipart("/m/members/\(first.id)", fields: Self.fields,
                                                     file: (name: "avatar", filename: "new.png", type: "image/png", bytes: Self.otherPNG))
            #expect(edited.status == .seeOther)
            let second = try #require(try await row(team, "有头像的人"))
            #expect(second.avatar != first.avatar && second.avatar_status == "pending")
            #expect(team.t.uploadedFiles() == [String(second.avatar.dropFirst("/uploads/".count))], "only the new photo is on disk")
            #expect(try await hnA.bytes("/m/members/\(first.id)/avatar").bytes == Self.otherPNG)
        }
    }
}
