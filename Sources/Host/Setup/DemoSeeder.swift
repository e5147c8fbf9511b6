import Foundation
import PluginAPI
import SQLKit

/// Demo data: a role tree and a staff team with sensible grants, then each enabled module's records.
struct DemoSeeder: Sendable {
    let host: YuelaoHost

    /// Seeds when no demo team exists yet.
    func seedIfEmpty(size: Int) async throws {
        let exists = try await host.database.sql.select().column("id").from("core_user").where("login", .equal, "gm").first() != nil
        guard !exists else { return }
        try await seed(size: size)
    }

    func seed(size: Int) async throws {
        let staffIDs = try await seedTeam()
        for module in host.modules.dropFirst() {
            let started = Date()
            let context = DemoContext(db: host.database.sql, size: size, staffIDs: staffIDs, progress: { label, done, total in
                let percent = total > 0 ? done * 100 / total : 100
                Console.line("\r[\(module.id)] \(label): \(done)/\(total) (\(percent)%)", terminator: done >= total ? "\n" : "")
            }, transaction: { body in
                try await host.runtime.transaction(actorID: nil, body)
            })
            try await module.seedDemoData(context)
            Console.line("[\(module.id)] done in \(String(format: "%.1f", Date().timeIntervalSince(started))) s")
        }
    }

    /// 总经理 → 2 部门经理 → 2 组长 each → 6 红娘 each (31 staff); password and security password `demo123` for all. Returns the staff ids.
    func seedTeam() async throws -> [Int64] {
        let existing = try await host.database.sql.select().column("id").from("core_user").where("login", .equal, "gm").first(decodingColumn: "id", as: Int64.self)
        if existing != nil {
            return try await host.database.sql.select().column("id").from("core_user").where("login", .notEqual, "admin").all(decodingColumn: "id", as: Int64.self)
        }
        let hash = try await Passwords.hash("demo123")
        let adminRole = try await Bootstrap(host: host).systemRoleID()
        let everything = host.registry.known.filter { $0.module != "core" || $0.resource == "staff" && $0.action == "view" }
        let surnames = Array("王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗")
        let given = ["芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "艳", "勇", "杰", "娟", "涛", "明", "超", "秀英", "华", "慧", "婷"]
        Console.line("[core] demo team: roles and 31 staff (password and security password demo123)")
        return try await host.runtime.transaction(actorID: nil) { tx in
            var counter = 0
            func role(_ name: String, parent: Int64, order: Int) async throws -> Int64 {
                try await tx.db.insert(into: "core_role").columns("parent_id", "name", "description", "sort_order", "is_system", "created_at")
                    .values(SQLBind(parent), SQLBind(name), SQLBind(""), SQLBind(order), SQLBind(0), SQLBind(Clock.now()))
                    .returning("id").first(decodingColumn: "id", as: Int64.self) ?? 0
            }
            func grant(_ roleID: Int64, _ keys: [String], scope: String) async throws {
                for key in keys {
                    try await tx.db.insert(into: "core_grant").columns("role_id", "permission", "scope")
                        .values(SQLBind(roleID), SQLBind(key), SQLBind(scope)).run()
                }
            }
            func staff(_ login: String, role: Int64) async throws -> Int64 {
                counter += 1
                let name = String(surnames[counter % surnames.count]) + given[(counter * 7) % given.count]
                let shown = counter % 3 == 0
                return try await tx.db.insert(into: "core_user")
                    .columns("login", "password_hash", "security_password_hash", "real_name", "mobile", "wechat", "role_id", "status", "show_public", "public_contacts", "motto",
                             "introduction", "experience", "created_at")
                    .values(SQLBind(login), SQLBind(hash), SQLBind(hash), SQLBind(name), SQLBind("139\(String(format: "%08d", 10_000_000 + counter * 7919))"),
                            SQLBind("yl_\(login)"), SQLBind(role), SQLBind("active"), SQLBind(shown ? 1 : 0), SQLBind(shown ? "mobile,wechat" : ""),
                            SQLBind("用心牵线，真诚相待"),
                            SQLBind(shown ? "性格开朗，善于倾听，擅长为都市白领寻找合适的另一半。\n周末可预约到店面谈。" : ""),
                            SQLBind(shown ? "从事婚恋服务 \(3 + counter % 8) 年，促成 \(20 + counter * 3) 对佳偶。" : ""), SQLBind(Clock.now()))
                    .returning("id").first(decodingColumn: "id", as: Int64.self) ?? 0
            }
            let all = everything.map(\.description).sorted()
            let gmRole = try await role("总经理", parent: adminRole, order: 1)
            try await grant(gmRole, all + ["core.staff.add", "core.staff.edit", "core.role.view", "core.audit.view"], scope: "subtree")
            var ids = [try await staff("gm", role: gmRole)]
            for d in 1...2 {
                let dept = try await role("部门经理\(d)", parent: gmRole, order: d)
                try await grant(dept, all, scope: "subtree")
                ids.append(try await staff("manager\(d)", role: dept))
                for g in 1...2 {
                    let lead = try await role("组长\(d)-\(g)", parent: dept, order: g)
                    try await grant(lead, all, scope: "subtree")
                    ids.append(try await staff("lead\(d)\(g)", role: lead))
                    let matchmaker = try await role("红娘\(d)-\(g)", parent: lead, order: 1)
                    try await grant(matchmaker, all.filter { !$0.hasSuffix(".delete") && !$0.hasSuffix(".audit") }, scope: "own")
                    for m in 1...6 { ids.append(try await staff("hn\(d)\(g)\(m)", role: matchmaker)) }
                }
            }
            try await Versions.bump("kernel", tx.db)
            return ids
        }
    }
}
