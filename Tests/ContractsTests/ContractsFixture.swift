import Contracts
import Foundation
import HostTesting
import Members
import PluginAPI
import PreSale
import Settings
import SQLKit

/// A team for the Contracts tests: 总经理 gm (all) → 经理A mgra (subtree) → 红娘A hna (own), 经理B mgrb → 红娘B hnb (own);
/// 审核 reviewer (contract view + audit, all) and 财务 cashier (contract view + confirmPayment, all) beside them.
struct ContractsTeam {
    let t: TestHost
    var ids: [String: Int64] = [:]
    var members: [String: Int64] = [:]

    static let modules: [any Module] = [SettingsModule(), MembersModule(), PreSaleModule(), ContractsModule()]
    static let matchmaker = ["members.member.view", "members.member.edit", "presale.workbench.view", "contracts.contract.view",
                             "contracts.contract.add", "contracts.contract.edit", "contracts.contract.delete"]

    static func make() async throws -> ContractsTeam {
        let t = try await TestHost.make(modules: modules)
        var team = ContractsTeam(t: t)
        let gm = try await t.role("总经理")
        let mgrA = try await t.role("经理A", parent: gm), mgrB = try await t.role("经理B", parent: gm)
        let hnA = try await t.role("红娘A", parent: mgrA), hnB = try await t.role("红娘B", parent: mgrB)
        let reviewer = try await t.role("审核", parent: gm), cashier = try await t.role("财务", parent: gm)
        for (login, role) in [("gm", gm), ("mgra", mgrA), ("mgrb", mgrB), ("hna", hnA), ("hnb", hnB)] {
            let scope = login == "gm" ? "all" : login.hasPrefix("hn") ? "own" : "subtree"
            try await t.grant(role, matchmaker + (login == "gm" ? ["members.member.allocateAftersale"] : []), scope: scope)
            team.ids[login] = try await t.staff(login, role: role)
        }
        try await t.grant(reviewer, ["contracts.contract.view", "contracts.contract.audit", "members.member.view"], scope: "all")
        team.ids["reviewer"] = try await t.staff("reviewer", role: reviewer)
        try await t.grant(cashier, ["contracts.contract.view", "contracts.contract.confirmPayment"], scope: "all")
        team.ids["cashier"] = try await t.staff("cashier", role: cashier)
        for owner in ["hna", "hnb"] {
            team.members[owner] = try await t.db.insert(into: "members_member")
                .columns("username", "gender", "birthday", "province", "owner_id", "registered_at")
                .values(SQLBind("u_\(owner)"), SQLBind("female"), SQLBind("1994-04-04"), SQLBind("440000"), SQLBind(team.ids[owner]),
                        SQLBind(Int64(Date().timeIntervalSince1970)))
                .returning("id").first(decodingColumn: "id", as: Int64.self) ?? 0
        }
        return team
    }

    static func contractForm(member: Int64, number: String = "", amount: String = "12800", days: String = "365", kind: String = "first",
                             payment: String = "12800", paymentKind: String = "full", submit: Bool = false) -> [String: String] {
        var form = ["member": String(member), "number": number, "kind": kind, "total_amount": amount, "service_days": days,
                    "signed_on": "2026-11-01", "starts_on": "2026-11-01", "ends_on": "", "min_meetings": "10",
                    "service_content": "每月推荐两位", "remark": "", "first_payment_amount": payment, "first_payment_on": "2026-11-01",
                    "first_payment_kind": paymentKind]
        if submit { form["submit_now"] = "1" }
        return form
    }

    /// The id of the contract the last redirect pointed at (`/m/contracts/{id}`).
    static func id(from location: String?) -> Int64? {
        location.flatMap { Int64($0.split(separator: "/").last ?? "") }
    }

    func status(_ contract: Int64) async throws -> String? {
        try await t.db.select().column("status").from("contracts_contract").where("id", .equal, contract).first(decodingColumn: "status", as: String.self)
    }
}
