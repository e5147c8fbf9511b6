import Foundation
import PluginAPI
import SQLKit

/// Demo consultations over the last 90 days (about 1 % of the demo size, at least 30, at most 20,000): some designating a matchmaker,
/// some allocated, some processed, some converted into (linked to) demo members.
struct ConsultDemoData: Sendable {
    let context: DemoContext

    static let names = ["王女士", "李先生", "张小姐", "刘先生", "陈女士", "杨先生", "赵小姐", "黄女士", "周先生", "吴小姐", "徐女士", "孙先生"]
    static let messages = [
        "我想咨询一下相亲事宜，请尽快联系我。", "女儿今年 28 岁，想了解你们的一对一服务。", "请问会员套餐怎么收费？",
        "想找一位在本市工作、有稳定收入的对象。", "离异无孩，想重新找个伴，请红娘联系我。", "周末方便到店面谈吗？",
        "看到你们的红娘团队介绍，想请李老师帮忙。", "我儿子工作忙没时间，家长先来咨询一下。",
    ]
    static let results = ["已电话沟通，约了周末到店面谈。", "客户暂时不考虑，下月再回访。", "已登记为会员，安排红娘跟进。", "电话未接通，已发短信。"]

    func run() async throws {
        let total = min(max(context.size / 100, context.size > 0 ? 30 : 0), 20_000)
        let staff = context.staffIDs
        guard total > 0, !staff.isEmpty else { return }
        struct M: Decodable { let id: Int64; let mobile: String? }
        let members = try await context.db.select().columns("id", "mobile").from("members_member").orderBy("id").limit(total / 10 + 1)
            .all(decoding: M.self)
        let now = Int64(Date().timeIntervalSince1970)
        var rng = DemoRandom(state: 4404)
        var done = 0
        while done < total {
            let end = min(done + 500, total)
            let range = done..<end
            var rows: [[any SQLExpression]] = []
            for i in range {
                let created = now - Int64(rng.below(90 * 86_400))
                let designated: Int64? = rng.below(5) == 0 ? staff[rng.below(staff.count)] : nil
                let owner: Int64? = designated ?? (rng.below(3) == 0 ? nil : staff[rng.below(staff.count)])
                let processed = owner != nil && rng.below(2) == 0
                // Every tenth consultation came from someone who is now a member.
                let member = i % 10 == 0 && i / 10 < members.count ? members[i / 10] : nil
                let mobile = member?.mobile ?? "13\(100_000_000 + i)"
                rows.append([SQLBind(Self.names[rng.below(Self.names.count)]), SQLBind(mobile), SQLBind(Self.messages[rng.below(Self.messages.count)]),
                             SQLBind(designated), SQLBind(owner), SQLBind(rng.below(8) == 0 ? 1 : 0),
                             SQLBind(processed ? Consultation.processed : Consultation.pending),
                             SQLBind(processed ? Self.results[rng.below(Self.results.count)] : ""),
                             SQLBind(processed ? min(now, created + Int64(3_600 + rng.below(3 * 86_400))) : nil), SQLBind(processed ? owner : nil),
                             SQLBind(member?.id), SQLBind("203.0.113.\(1 + rng.below(254))"), SQLBind(created), SQLBind(created)])
            }
            let batch = rows
            try await context.transaction { tx in
                let insert = tx.db.insert(into: "consult_consultation")
                    .columns("contact_name", "mobile", "message", "designated_id", "owner_id", "important", "status", "result", "processed_at",
                             "processed_by", "member_id", "source_address", "created_at", "updated_at")
                for row in batch { insert.values(row) }
                try await insert.run()
            }
            done = end
            context.progress("consultations", done, total)
        }
    }
}
