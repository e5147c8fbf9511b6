import Foundation
import Members
import PluginAPI
import SQLKit

/// Demo follow-up notes: a few per allocated member, the first one gets 50 for the overview benchmark.
/// (Contract facts come from Contracts' demo, which announces its effective contracts like real ones.)
struct PreSaleDemoData: Sendable {
    let context: DemoContext

    static let remarks = [
        "电话沟通，客户对服务流程比较关注，约了周末到店面谈。", "客户表示最近工作忙，下周再联系。", "已发送三位推荐对象资料，客户对其中一位有兴趣。",
        "到店面谈一小时，介绍了会员套餐，客户在考虑价格。", "客户家人也参与沟通，希望对方有稳定工作。", "微信沟通，客户希望对象在本市工作。",
        "客户对上次见面的对象印象不错，希望继续了解。", "回访未接通，短信告知下次联系时间。", "客户询问了续费优惠，已说明。",
    ]
    static let tags = ["有房", "有车", "稳定工作", "离异无孩", "父母催婚", "高学历", "价格敏感", "异地", "急找", "慢热", "外貌要求高", "公务员"]
    static let reasons = ["price", "distance", "no_match", "considering", "other"]

    func run() async throws {
        struct M: Decodable { let id: Int64; let owner_id: Int64; let registered_at: Int64; let signed: Int }
        let sample = min(max(context.size, 0), 100_000)
        guard sample > 0 else { return }
        let members = try await context.db.select().columns("id", "owner_id", "registered_at", "signed").from("members_member")
            .where(SQLColumn("owner_id"), .isNot, SQLLiteral.null).orderBy("id").limit(sample).all(decoding: M.self)
        let now = Int64(Date().timeIntervalSince1970)
        var rng = DemoRandom(state: 2026)
        var notes: [[any SQLExpression]] = []
        var written = 0
        for (index, member) in members.enumerated() {
            let count = index == 0 ? 50 : rng.below(5)
            var at = max(member.registered_at, now - 200 * 86_400) + Int64(rng.below(3 * 86_400))
            for n in 0..<count {
                at = min(now, at + Int64(3_600 + rng.below(9 * 86_400)))
                let isLast = n == count - 1
                let next: Int64? = isLast || rng.below(2) == 0 ? at + Int64(86_400 * (1 + rng.below(14))) : nil
                let sign = member.signed == 1 && isLast ? "signed" : (rng.below(4) == 0 ? "considering" : "unsigned")
                let tagText = (0..<rng.below(3)).map { _ in Self.tags[rng.below(Self.tags.count)] }
                notes.append([SQLBind(member.id), SQLBind(member.owner_id), SQLBind(rng.below(5) == 0 ? 0 : 1),
                              SQLBind(["strong", "medium", "weak", "none"][rng.below(4)]), SQLBind(sign),
                              SQLBind(sign == "signed" ? "" : Self.reasons[rng.below(Self.reasons.count)]), SQLBind(at), SQLBind(next),
                              SQLBind(Self.remarks[rng.below(Self.remarks.count)]), SQLBind(FollowUpNote.normalizeTags(tagText.joined(separator: ","))),
                              SQLBind(at), SQLBind(at)])
            }
            if notes.count >= 500 || index == members.count - 1 {
                try await flush(&notes)
                written += 1
                if written % 40 == 0 || index == members.count - 1 { context.progress("follow-up notes", index + 1, members.count) }
            }
        }
        // Members' contact times follow their latest note.
        try await context.transaction { tx in
            try await tx.db.raw("""
                UPDATE members_member SET
                  last_contact_at = (SELECT MAX(n.contact_at) FROM presale_note n WHERE n.member_id = members_member.id),
                  next_contact_at = (SELECT n.next_contact_at FROM presale_note n WHERE n.member_id = members_member.id
                                     ORDER BY n.contact_at DESC, n.id DESC LIMIT 1)
                WHERE id IN (SELECT member_id FROM presale_note)
                """).run()
        }
    }

    func flush(_ notes: inout [[any SQLExpression]]) async throws {
        let pending = notes
        notes = []
        guard !pending.isEmpty else { return }
        try await context.transaction { tx in
            let insert = tx.db.insert(into: "presale_note").columns("member_id", "author_id", "effective", "intention", "sign_status", "unsigned_reason",
                                                                    "contact_at", "next_contact_at", "remark", "tags", "created_at", "updated_at")
            for row in pending { insert.values(row) }
            try await insert.run()
        }
    }
}
