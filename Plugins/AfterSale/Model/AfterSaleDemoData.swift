import Foundation
import Members
import PluginAPI
import SQLKit

/// Demo after-sale work for signed members: follow-up notes, entrustments, stored matching results and appointments in
/// every state with their flow history. (Partner criteria come from Members' demo.)
struct AfterSaleDemoData: Sendable {
    let context: DemoContext

    static let requests = ["希望红娘多推荐本市的对象。", "想调整择偶条件，年龄放宽到 35 岁。", "上次见面的对象想再约一次。", "近期出差，暂停推荐两周。"]
    static let places = ["星巴克（万达广场店）", "门店二楼洽谈室", "滨江公园南门", "city'super 咖啡厅"]

    struct M: Decodable { let id: Int64; let gender: String; let owner_id: Int64?; let aftersale_owner_id: Int64? }

    func run() async throws {
        let limit = min(max(context.size / 10, 0), 20_000)
        guard limit > 0, !context.staffIDs.isEmpty else { return }
        let members = try await context.db.select().columns("id", "gender", "owner_id", "aftersale_owner_id").from("members_member")
            .where("signed", .equal, 1).orderBy("id").limit(limit).all(decoding: M.self)
        let women = members.filter { $0.gender == "female" }, men = members.filter { $0.gender == "male" }
        guard !women.isEmpty, !men.isEmpty else { return }
        let now = Int64(Date().timeIntervalSince1970)
        let flow = ["pending": [""], "approved": ["", "pending"], "in_progress": ["", "pending", "approved"],
                    "completed": ["", "pending", "approved", "in_progress"], "evaluated": ["", "pending", "approved", "in_progress", "completed"],
                    "cancelled": ["", "pending"], "rejected": ["", "pending"]]
        let states = ["pending", "approved", "in_progress", "completed", "evaluated", "evaluated", "cancelled", "rejected"]
        for start in stride(from: 0, to: members.count, by: 200) {
            let chunk = Array(members[start..<min(start + 200, members.count)])
            let seed = UInt64(520 + start)
            try await context.transaction { tx in
                var rng = DemoRandom(state: seed)
                for member in chunk {
                    let staff = member.aftersale_owner_id ?? member.owner_id ?? context.staffIDs[rng.below(context.staffIDs.count)]
                    let others = member.gender == "female" ? men : women
                    let at = now - Int64(rng.below(60 * 86_400))
                    if rng.below(3) == 0 {
                        try await tx.db.insert(into: "aftersale_entrustment").columns("member_id", "owner_id", "content", "status", "result", "created_at", "processed_at")
                            .values(SQLBind(member.id), SQLBind(staff), SQLBind(Self.requests[rng.below(Self.requests.count)]),
                                    SQLBind(rng.below(2) == 0 ? "pending" : "processed"), SQLBind(""), SQLBind(at), SQLBind(at + 86_400)).run()
                    }
                    var seen = Set<Int64>()
                    for _ in 0..<(1 + rng.below(3)) {
                        let other = others[rng.below(others.count)]
                        guard seen.insert(other.id).inserted else { continue }
                        try await tx.db.insert(into: "aftersale_match")
                            .columns("member_id", "candidate_id", "owner_id", "status", "mine_pct", "theirs_pct", "created_at", "updated_at")
                            .values(SQLBind(member.id), SQLBind(other.id), SQLBind(staff), SQLBind(rng.below(2) == 0 ? "matched" : "recommended"),
                                    SQLBind(50 + rng.below(51)), SQLBind(40 + rng.below(61)), SQLBind(at), SQLBind(at)).run()
                        guard rng.below(2) == 0 else { continue }
                        let state = states[rng.below(states.count)]
                        let meet = at + Int64(86_400 * (1 + rng.below(20)))
                        let agreed = state != "pending" && state != "rejected"
                        let evaluated = state == "evaluated"
                        let id = try await tx.db.insert(into: "aftersale_appointment")
                            .columns("member_a", "member_b", "owner_id", "kind", "meet_at", "place", "opinion_a", "opinion_b", "notify", "status",
                                     "reason", "result_a", "result_b", "rating_a", "rating_b", "created_at", "updated_at")
                            .values(SQLBind(member.id), SQLBind(other.id), SQLBind(staff), SQLBind("recommended"), SQLBind(meet),
                                    SQLBind(Self.places[rng.below(Self.places.count)]), SQLBind(agreed ? "agree" : "pending"),
                                    SQLBind(agreed ? "agree" : "pending"), SQLBind("internal"), SQLBind(state),
                                    SQLBind(state == "cancelled" ? "对方临时出差" : state == "rejected" ? "双方意向不明确" : ""),
                                    SQLBind(evaluated ? ["continue", "stop", "undecided"][rng.below(3)] : ""),
                                    SQLBind(evaluated ? ["continue", "stop", "undecided"][rng.below(3)] : ""),
                                    SQLBind(evaluated ? 3 + rng.below(3) : nil), SQLBind(evaluated ? 3 + rng.below(3) : nil), SQLBind(at), SQLBind(at))
                            .returning("id").first(decodingColumn: "id", as: Int64.self) ?? 0
                        let path = (flow[state] ?? [""]) + [state]
                        let steps = tx.db.insert(into: "aftersale_appointment_step").columns("appointment_id", "from_status", "to_status", "by_user", "at")
                        for i in 1..<path.count { steps.values(SQLBind(id), SQLBind(path[i - 1]), SQLBind(path[i]), SQLBind(staff), SQLBind(at + Int64(i * 3_600))) }
                        try await steps.run()
                    }
                }
            }
            context.progress("aftersale", min(start + 200, members.count), members.count)
        }
    }
}
