import Members
import SQLKit

/// The criteria of matching as SQL over `members_member` (the candidate's row), in both directions:
/// `meets` — the candidate meets criteria `c`; `accepts` — the candidate's own stored criteria accept member `me`.
/// The database computes one flag per criterion, so the rows' degrees, the sort and the unmet lists come from one source.
struct MatchRules: Sendable {
    /// Dictionary codes of `education` and `income_band` in the administrator's order, lowest first.
    var educationOrder: [String]
    var incomeOrder: [String]
    /// The agency's today, `yyyy-MM-dd`.
    var today: String

    /// Codes at or above `minimum` in `order` (just `minimum` when it is not in the list).
    static func atLeast(_ minimum: String, in order: [String]) -> [String] {
        guard let index = order.firstIndex(of: minimum) else { return [minimum] }
        return Array(order[index...])
    }

    /// Codes at or below `value` in `order`.
    static func atMost(_ value: String, in order: [String]) -> [String] {
        guard let index = order.firstIndex(of: value) else { return [] }
        return Array(order[...index])
    }

    /// Lives in one of `codes` (division codes: `XX0000` a province, `XXXX00` a city, else a district), each compared on
    /// its own column — so provinces alone stay on the (gender, province, birthday) index.
    static func inRegions(_ codes: [String], province: String, city: String, district: String) -> any SQLExpression {
        let provinces = codes.filter { $0.hasSuffix("0000") }
        let cities = codes.filter { $0.hasSuffix("00") && !$0.hasSuffix("0000") }
        let districts = codes.filter { !$0.hasSuffix("00") }
        var parts: [any SQLExpression] = []
        if !provinces.isEmpty { parts.append(MatchSQL.isIn(province, provinces)) }
        if !cities.isEmpty { parts.append(MatchSQL.isIn(city, cities)) }
        if !districts.isEmpty { parts.append(MatchSQL.isIn(district, districts)) }
        return MatchSQL.or(parts)
    }

    /// The birthday of someone turning `age` today: `yyyy-MM-dd`, `years` before today.
    func birthday(yearsAgo years: Int) -> String {
        let year = Int(today.prefix(4)) ?? 2000
        return String(format: "%04d", year - years) + String(today.dropFirst(4))
    }

    /// One condition per set criterion of `c`: the candidate meets it.
    func meets(_ c: MatchCriteria) -> [(key: String, condition: any SQLExpression)] {
        func range(_ column: String, _ low: Int?, _ high: Int?) -> any SQLExpression {
            var parts: [any SQLExpression] = [SQLBinaryExpression(SQLColumn(column), .isNot, SQLLiteral.null)]
            if let low { parts.append(MatchSQL.compare(column, .greaterThanOrEqual, low)) }
            if let high { parts.append(MatchSQL.compare(column, .lessThanOrEqual, high)) }
            return MatchSQL.and(parts)
        }
        var out: [(String, any SQLExpression)] = []
        for key in c.activeKeys {
            switch key {
            case "age":
                var parts: [any SQLExpression] = [MatchSQL.notEmpty("birthday")]
                if let min = c.ageMin { parts.append(MatchSQL.compare("birthday", .lessThanOrEqual, birthday(yearsAgo: min))) }
                if let max = c.ageMax { parts.append(MatchSQL.compare("birthday", .greaterThan, birthday(yearsAgo: max + 1))) }
                out.append((key, MatchSQL.and(parts)))
            case "height": out.append((key, range("height", c.heightMin, c.heightMax)))
            case "weight": out.append((key, range("weight", c.weightMin, c.weightMax)))
            case "region": out.append((key, Self.inRegions(c.regions, province: "province", city: "city", district: "district")))
            case "hukou": out.append((key, Self.inRegions(c.hukou, province: "hukou_province", city: "hukou_city", district: "hukou_district")))
            case "marital": out.append((key, MatchSQL.isIn("marital_status", c.marital)))
            case "zodiac": out.append((key, BirthSigns.zodiacCondition(c.zodiac)))
            case "constellation": out.append((key, BirthSigns.constellationCondition(c.constellation)))
            case "occupation": out.append((key, MatchSQL.isIn("occupation", c.occupation)))
            case "income": out.append((key, MatchSQL.isIn("income_band", Self.atLeast(c.incomeMin, in: incomeOrder))))
            case "education": out.append((key, MatchSQL.isIn("education", Self.atLeast(c.educationMin, in: educationOrder))))
            case "children": out.append((key, MatchSQL.isIn("children", c.children)))
            case "housing": out.append((key, MatchSQL.isIn("housing", c.housing)))
            default: out.append((key, MatchSQL.isIn("car", c.car)))
            }
        }
        return out
    }

    /// One pair per criterion a candidate may have stored: whether the candidate has set it, and whether `me` meets it.
    func accepts(_ me: MemberRecord) -> [(key: String, applicable: any SQLExpression, met: any SQLExpression)] {
        let never: any SQLExpression = SQLRaw("1 = 0")
        func bounds(_ key: String, _ value: Int?) -> (String, any SQLExpression, any SQLExpression) {
            let low = "pc_\(key)_min", high = "pc_\(key)_max"
            let applicable = MatchSQL.or([SQLBinaryExpression(SQLColumn(low), .isNot, SQLLiteral.null),
                                          SQLBinaryExpression(SQLColumn(high), .isNot, SQLLiteral.null)])
            guard let value else { return (key, applicable, never) }
            let met = MatchSQL.and([
                MatchSQL.or([SQLBinaryExpression(SQLColumn(low), .is, SQLLiteral.null), MatchSQL.compare(low, .lessThanOrEqual, value)]),
                MatchSQL.or([SQLBinaryExpression(SQLColumn(high), .is, SQLLiteral.null), MatchSQL.compare(high, .greaterThanOrEqual, value)]),
            ])
            return (key, applicable, met)
        }
        func list(_ key: String, _ column: String, _ mine: [String]) -> (String, any SQLExpression, any SQLExpression) {
            let codes = mine.filter { !$0.isEmpty }
            return (key, MatchSQL.notEmpty(column), codes.isEmpty ? never : MatchSQL.or(codes.map { MatchSQL.listHolds(column, $0) }))
        }
        func minimum(_ key: String, _ column: String, _ mine: String, _ order: [String]) -> (String, any SQLExpression, any SQLExpression) {
            let allowed = Self.atMost(mine, in: order)
            return (key, MatchSQL.notEmpty(column), allowed.isEmpty ? never : MatchSQL.isIn(column, allowed))
        }
        let birthday = me["birthday"]
        return [
            bounds("age", me.age(today: today)), bounds("height", me.numbers["height"]), bounds("weight", me.numbers["weight"]),
            list("region", "pc_regions", [me["province"], me["city"], me["district"]]),
            list("marital", "pc_marital", [me["marital_status"]]),
            list("zodiac", "pc_zodiac", [BirthSigns.zodiac(of: birthday) ?? ""]),
            list("constellation", "pc_constellation", [BirthSigns.constellation(of: birthday) ?? ""]),
            list("occupation", "pc_occupation", [me["occupation"]]),
            minimum("income", "pc_income_min", me["income_band"], incomeOrder),
            minimum("education", "pc_education_min", me["education"], educationOrder),
            list("children", "pc_children", [me["children"]]),
            list("housing", "pc_housing", [me["housing"]]),
            list("car", "pc_car", [me["car"]]),
        ]
    }
}
