import Foundation
import HostTesting
import HummingbirdTesting
import Members
import SQLKit
import Testing

@Suite("CSV import")
struct MemberImportTests {
    let csv = """
    username,gender,birthday,province,mobile,education
    导入一,女,1993-02-03,广东省,13700000001,本科
    导入二,male,1991-12-30,440000,137000000,bachelor
    导入三,female,1990-01-01,990000,13700000003,博士
    导入一,female,1992-05-05,440000,13700000004,
    """

    func upload(_ browser: inout Browser) async throws -> Browser.Page {
        try await browser.postMultipart("/m/members/import", fields: [:], file: (name: "file", filename: "members.csv", type: "text/csv", bytes: Array(csv.utf8)))
    }

    @Test("the preview lists each bad row with its number, field and reason, and imports nothing")
    func preview() async throws {
        let team = try await MembersTeam.make()
        try await team.t.test { client in
            var mgrA = try await Browser.login(client, "mgra")
            let page = try await upload(&mgrA)
            #expect(page.status.code == 422)
            #expect(page.text.contains("<td>3</td><td>mobile</td>"))
            #expect(page.text.contains("<td>4</td><td>province</td>"))
            #expect(page.text.contains("<td>5</td><td>username</td>") && page.text.contains("与第 2 行重复"))
            #expect(page.text.contains("共 4 行：1 行有效，3 行有错误"))
            let count = try await team.t.db.select().column("id").from("members_member").where("source", .equal, "import").all().count
            #expect(count == 0)
        }
    }

    @Test("'import all' is refused while rows have errors; 'import valid rows' imports exactly the valid ones, owned by the importer")
    func commit() async throws {
        let team = try await MembersTeam.make()
        try await team.t.test { client in
            var mgrA = try await Browser.login(client, "mgra")
            let content = Data(csv.utf8).base64EncodedString()
            let refused = try await mgrA.post("/m/members/import/commit", form: ["content": content, "mode": "all"])
            #expect(refused.status == .seeOther)
            #expect(try await team.t.db.select().column("id").from("members_member").where("source", .equal, "import").all().count == 0)
            _ = try await mgrA.post("/m/members/import/commit", form: ["content": content, "mode": "valid"])
            struct Row: Decodable { let username: String; let owner_id: Int64?; let education: String }
            let rows = try await team.t.db.select().columns("username", "owner_id", "education").from("members_member")
                .where("source", .equal, "import").all(decoding: Row.self)
            #expect(rows.map(\.username) == ["导入一"])
            #expect(rows.first?.owner_id == team.ids["mgra"] && rows.first?.education == "bachelor")
            #expect(try await team.t.auditRows(action: "member.import").first?.after_state?.hasPrefix("1 rows imported") == true)
        }
    }
}
