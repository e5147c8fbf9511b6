import HostTesting
import HummingbirdTesting
import Members
import PluginAPI
import Settings
import SQLKit
import Testing

/// A stand-in publisher of `contract.effective`, the way Contracts will publish it.
struct ContractsStub: Module {
    let manifest = ModuleManifest(id: "contracts", name: LocalizedText(zh: "合同", en: "Contracts"), version: "0.1.0", dependencies: ["members"])
    var permissions: [ResourcePermissions] { [.standard("contract", LocalizedText(zh: "合同", en: "Contract"))] }
    func routes(_ routes: inout RouteCollector) throws {
        try routes.post("/:member/effective", .requires("contract", "audit")) { req in
            let memberID = req.parameters["member"] ?? ""
            let fail = req.form["fail"] == "1"
            try await req.transaction { tx in
                try await tx.publish(Event("contract.effective", ["member_id": memberID]))
                if fail { throw ModuleError.conflict("finance refused") }
            }
            return .redirect("/")
        }
    }
}

@Suite("events between modules")
struct MemberEventTests {
    @Test("contract.effective marks the member signed inside the publisher's transaction, and rolls back with it")
    func contractEffective() async throws {
        let t = try await TestHost.make(modules: [SettingsModule(), MembersModule(), ContractsStub()])
        let role = try await t.role("财务")
        try await t.grant(role, ["contracts.contract.audit"], scope: "all")
        try await t.staff("finance", role: role)
        let owner = try await t.staff("hn", role: role)
        let first = try await t.db.insert(into: "members_member").columns("username", "gender", "owner_id", "registered_at")
            .values(SQLBind("signme"), SQLBind("female"), SQLBind(owner), SQLBind(1)).returning("id").first(decodingColumn: "id", as: Int64.self) ?? 0
        let second = try await t.db.insert(into: "members_member").columns("username", "gender", "owner_id", "registered_at")
            .values(SQLBind("rollback"), SQLBind("female"), SQLBind(owner), SQLBind(1)).returning("id").first(decodingColumn: "id", as: Int64.self) ?? 0
        try await t.test { client in
            var finance = try await Browser.login(client, "finance")
            #expect(try await finance.post("/m/contracts/\(first)/effective").status == .seeOther)
            #expect(try await finance.post("/m/contracts/\(second)/effective", form: ["fail": "1"]).status.code == 409)
            let signed = try await t.db.select().columns("username", "signed").from("members_member").orderBy("id").all()
            #expect(try signed.map { try $0.decode(column: "signed", as: Int.self) } == [1, 0])
        }
    }
}
