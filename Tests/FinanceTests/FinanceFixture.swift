import Contracts
import Finance
import Foundation
import HostTesting
import HummingbirdTesting
import Members
import PluginAPI
import PreSale
import Settings
import SQLKit

/// 总经理 gm → 红娘A hna (own), 红娘B hnb (own); 审核 reviewer (contract audit, all); 财务 cashier (payments and statistics, all).
struct FinanceTeam {
    let t: TestHost
    var ids: [String: Int64] = [:]
    var members: [String: Int64] = [:]

    static let modules: [any Module] = [SettingsModule(), MembersModule(), PreSaleModule(), ContractsModule(), FinanceModule()]

    static func make() async throws -> FinanceTeam {
        let t = try await TestHost.make(modules: modules)
        var team = FinanceTeam(t: t)
        let gm = try await t.role("总经理")
        let hn = try await t.role("红娘", parent: gm)
        let reviewer = try await t.role("审核", parent: gm), cashier = try await t.role("财务", parent: gm)
        try await t.grant(gm, ["members.member.view", "members.member.allocateAftersale", "contracts.contract.view"], scope: "all")
        team.ids["gm"] = try await t.staff("gm", role: gm)
        try await t.grant(hn, ["members.member.view", "contracts.contract.view", "contracts.contract.add", "contracts.contract.edit",
                               "finance.payment.view", "finance.payment.add"], scope: "own")
        for login in ["hna", "hnb"] { team.ids[login] = try await t.staff(login, role: hn) }
        try await t.grant(reviewer, ["contracts.contract.view", "contracts.contract.audit", "members.member.view"], scope: "all")
        team.ids["reviewer"] = try await t.staff("reviewer", role: reviewer)
        try await t.grant(cashier, ["finance.payment.view", "finance.payment.add", "finance.payment.audit", "finance.statistics.view",
                                    "finance.statistics.export"], scope: "all")
        team.ids["cashier"] = try await t.staff("cashier", role: cashier)
        try await t.setSecurityPassword("cashier", "safe8888")
        for owner in ["hna", "hnb"] {
            team.members[owner] = try await t.db.insert(into: "members_member")
                .columns("username", "gender", "birthday", "province", "owner_id", "registered_at")
                .values(SQLBind("u_\(owner)"), SQLBind("male"), SQLBind("1990-01-01"), SQLBind("110000"), SQLBind(team.ids[owner]),
                        SQLBind(Int64(Date().timeIntervalSince1970)))
                .returning("id").first(decodingColumn: "id", as: Int64.self) ?? 0
        }
        return team
    }

    /// Enters a contract as `login` on their member, submits it, and has the reviewer approve it: it waits for finance.
    func approvedContract(_ client: any TestClientProtocol, login: String, number: String, total: String, first: String, kind: String,
                          paidOn: String = "2026-10-15") async throws -> Int64 {
        var author = try await Browser.login(client, login)
        let form = ["member": String(members[login]!), "number": number, "kind": "first", "total_amount": total, "service_days": "365",
                    "signed_on": paidOn, "starts_on": paidOn, "ends_on": "", "min_meetings": "8", "service_content": "", "remark": "",
                    "first_payment_amount": first, "first_payment_on": paidOn, "first_payment_kind": kind, "submit_now": "1"]
        let created = try await author.post("/m/contracts/", form: form)
        guard let id = created.location.flatMap({ Int64($0.split(separator: "/").last ?? "") }) else { throw BrowserError("no contract: \(created.status)") }
        var reviewer = try await Browser.login(client, "reviewer")
        _ = try await reviewer.post("/m/contracts/\(id)/flow/approve")
        return id
    }

    func contractStatus(_ id: Int64) async throws -> String? {
        try await t.db.select().column("status").from("contracts_contract").where("id", .equal, id).first(decodingColumn: "status", as: String.self)
    }

    func payments(of contract: Int64) async throws -> [(id: Int64, amount: Int64, status: String)] {
        struct Row: Decodable { let id: Int64; let amount: Int64; let status: String }
        return try await t.db.select().columns("id", "amount", "status").from("finance_payment").where("contract_id", .equal, contract).orderBy("id")
            .all(decoding: Row.self).map { ($0.id, $0.amount, $0.status) }
    }
}
