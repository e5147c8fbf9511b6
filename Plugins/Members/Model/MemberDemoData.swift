import Foundation
import PluginAPI
import SQLKit

/// Realistic demo members: names, regions weighted by population, correlated ages, heights, education and income,
/// partner criteria and activity events. Inserted in multi-row batches, one transaction per batch.
struct MemberDemoData: Sendable {
    let context: DemoContext

    static let surnames = Array("王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤")
    static let givenFemale = ["婷", "静", "敏", "丽", "娟", "燕", "艳", "芳", "娜", "秀英", "玲", "雪", "慧", "倩", "颖", "欣怡", "梓涵", "雨婷", "佳怡", "思琪", "晓雯", "诗雨"]
    static let givenMale = ["伟", "强", "磊", "军", "洋", "勇", "杰", "涛", "明", "超", "浩", "鹏", "宇", "俊杰", "子轩", "浩然", "博文", "志强", "建华", "晨阳", "天佑", "嘉豪"]
    /// Province codes with rough population weights (millions).
    static let provinceWeights: [(String, Int)] = [
        ("440000", 126), ("370000", 102), ("410000", 99), ("510000", 84), ("320000", 85), ("130000", 75), ("430000", 66), ("340000", 61),
        ("420000", 58), ("330000", 65), ("450000", 50), ("530000", 47), ("360000", 45), ("210000", 42), ("350000", 42), ("610000", 40),
        ("230000", 31), ("140000", 35), ("520000", 39), ("500000", 32), ("220000", 24), ("620000", 25), ("150000", 24), ("650000", 26),
        ("310000", 25), ("110000", 22), ("120000", 14), ("460000", 10), ("640000", 7), ("630000", 6), ("540000", 4),
    ]

    typealias Rng = DemoRandom

    func run() async throws {
        let db = context.db
        let existing = try await db.select().column(SQLFunction("MAX", args: SQLColumn("id")), as: "m").from("members_member")
            .first(decodingColumn: "m", as: Int64?.self) ?? nil
        let start = Int((existing ?? 0) + 1)
        let total = context.size
        guard total > 0 else { return }
        // Cities and districts per province, to place members in real places.
        struct R: Decodable { let code: String; let parent_code: String? }
        let all = try await db.select().columns("code", "parent_code").from("core_region").where("level", .greaterThan, 1).all(decoding: R.self)
        var children: [String: [String]] = [:]
        for r in all { if let p = r.parent_code { children[p, default: []].append(r.code) } }
        let weightTotal = Self.provinceWeights.reduce(0) { $0 + $1.1 }
        let owners = context.staffIDs
        let batch = db.isPostgres ? 800 : 400
        let now = Int64(Date().timeIntervalSince1970)
        let columns = ["username", "gender", "birthday", "province", "city", "district", "hukou_province", "real_name", "mobile", "height", "weight",
                       "marital_status", "education", "income_band", "occupation", "car", "housing", "children", "hobbies", "customer_status",
                       "pc_age_min", "pc_age_max", "pc_height_min", "pc_regions", "source", "owner_id", "signed", "registered_at", "allocated_at",
                       "last_contact_at", "next_contact_at", "avatar_status"]
        let educations = ["junior_high_or_below", "high_school", "vocational_secondary", "associate", "bachelor", "master", "doctorate"]
        let incomes = ["under_50k", "from_50k_to_100k", "from_100k_to_200k", "from_200k_to_300k", "from_300k_to_500k", "from_500k_to_1m", "over_1m"]
        let occupations = ["civil_servant", "teacher", "doctor", "engineer", "it_internet", "finance_banking", "sales", "self_employed", "manager", "manufacturing_worker"]
        var done = 0
        var rng = Rng(state: UInt64(start) &* 7919)
        while done < total {
            let count = min(batch, total - done)
            var rows: [[any SQLExpression]] = []
            rows.reserveCapacity(count)
            for i in 0..<count {
                let n = start + done + i
                let female = rng.next() % 2 == 0
                let age = 20 + Int(rng.next() % 30) + (rng.next() % 4 == 0 ? Int(rng.next() % 15) : 0)
                let birthYear = 2026 - age
                let birthday = String(format: "%04d-%02d-%02d", birthYear, 1 + Int(rng.next() % 12), 1 + Int(rng.next() % 28))
                var pick = Int(rng.next() % UInt64(weightTotal))
                var province = Self.provinceWeights[0].0
                for (code, weight) in Self.provinceWeights { if pick < weight { province = code; break }; pick -= weight }
                let cities = children[province] ?? []
                let city = cities.isEmpty ? "" : cities[Int(rng.next() % UInt64(cities.count))]
                let districts = children[city] ?? []
                let district = districts.isEmpty ? "" : districts[Int(rng.next() % UInt64(districts.count))]
                let eduIndex = min(educations.count - 1, max(0, Int(rng.next() % 5) + (age > 28 ? 1 : 0) + (rng.next() % 6 == 0 ? 1 : 0)))
                let incomeIndex = min(incomes.count - 1, max(0, eduIndex - 2 + Int(rng.next() % 3) + (age > 35 ? 1 : 0)))
                let height = female ? 155 + Int(rng.next() % 20) : 165 + Int(rng.next() % 22)
                let weight = female ? 45 + Int(rng.next() % 20) : 58 + Int(rng.next() % 30)
                let marital = age < 30 ? "unmarried" : ["unmarried", "unmarried", "divorced_no_child", "divorced_with_child", "widowed_no_child"][Int(rng.next() % 5)]
                let name = String(Self.surnames[Int(rng.next() % UInt64(Self.surnames.count))])
                    + (female ? Self.givenFemale : Self.givenMale)[Int(rng.next() % 22)]
                let registered = now - Int64(rng.next() % (3 * 365 * 86_400))
                let owner: Int64? = owners.isEmpty || rng.next() % 10 == 0 ? nil : owners[Int(rng.next() % UInt64(owners.count))]
                let signed = owner != nil && rng.next() % 5 == 0
                let lastContact: Int64? = owner != nil && rng.next() % 2 == 0 ? registered + Int64(rng.next() % 86_400 * 30) : nil
                rows.append([
                    SQLBind("m\(n)"), SQLBind(female ? "female" : "male"), SQLBind(birthday), SQLBind(province), SQLBind(city), SQLBind(district),
                    SQLBind(province), SQLBind(name), SQLBind(String(format: "1%02d%08d", 30 + Int(rng.next() % 70), n % 100_000_000)),
                    SQLBind(height), SQLBind(weight), SQLBind(marital), SQLBind(educations[eduIndex]), SQLBind(incomes[incomeIndex]),
                    SQLBind(occupations[Int(rng.next() % UInt64(occupations.count))]), SQLBind(rng.next() % 3 == 0 ? "owned" : "none"),
                    SQLBind(rng.next() % 2 == 0 ? "owned_no_mortgage" : "renting"), SQLBind("none"), SQLBind(["travel,music", "sports", "reading,movies", "cooking"][Int(rng.next() % 4)]),
                    SQLBind(["searching", "searching", "searching", "found", "paused"][Int(rng.next() % 5)]),
                    SQLBind(max(18, age - 5)), SQLBind(age + 5), SQLBind(female ? height + 5 : 150), SQLBind(province),
                    SQLBind(["staff", "front_registration", "consultation", "import"][Int(rng.next() % 4)]), SQLBind(owner), SQLBind(signed ? 1 : 0),
                    SQLBind(registered), SQLBind(owner == nil ? nil : registered + 3600), SQLBind(lastContact),
                    SQLBind(lastContact.map { $0 + 7 * 86_400 }), SQLBind("none"),
                ])
            }
            let chunk = rows
            try await context.transaction { tx in
                let insert = tx.db.insert(into: "members_member").columns(columns)
                for row in chunk { insert.values(row) }
                try await insert.run()
            }
            done += count
            if done == total || done % (batch * 25) < batch { context.progress("members", done, total) }
        }
        try await activity(start: start, count: min(total, 2_000))
    }

    /// Activity events for the first members: coins, payments (fen), messages, posts, and profile views of other members.
    func activity(start: Int, count: Int) async throws {
        let kinds = MemberAPI.activityKinds
        let now = Int64(Date().timeIntervalSince1970)
        let last = start + context.size - 1
        try await context.transaction { tx in
            var rng = Rng(state: 42)
            var pending: [[any SQLExpression]] = []
            func flush() async throws {
                guard !pending.isEmpty else { return }
                let insert = tx.db.insert(into: "members_activity").columns("member_id", "kind", "amount", "detail", "at", "target_id")
                for row in pending { insert.values(row) }
                try await insert.run()
                pending = []
            }
            for n in start..<(start + count) {
                for _ in 0..<12 {
                    let kind = kinds[rng.below(kinds.count)]
                    var amount: Int64 = 0, detail = "", target: Int64? = nil
                    switch kind {
                    case "login_reward": amount = Int64(5 + rng.below(20))
                    case "coin_change": amount = rng.below(3) == 0 ? Int64(50 + rng.below(500)) : -Int64(10 + rng.below(200)); detail = amount < 0 ? "送礼物" : "充值金币"
                    case "payment": amount = Int64([1_900, 9_900, 29_900, 59_900][rng.below(4)]); detail = ["月度会员", "季度会员", "置顶推荐", "红娘服务"][rng.below(4)]
                    case "profile_viewed": target = Int64(start + rng.below(max(1, last - start + 1)))
                    default: break
                    }
                    pending.append([SQLBind(Int64(n)), SQLBind(kind), SQLBind(amount), SQLBind(detail),
                                    SQLBind(now - Int64(rng.below(90 * 86_400))), SQLBind(target)])
                }
                if pending.count >= 600 { try await flush() }
            }
            try await flush()
        }
        context.progress("activity", count, count)
    }
}
