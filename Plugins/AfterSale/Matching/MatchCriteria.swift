import Members
import PluginAPI

/// Partner criteria as matching uses them: the member's stored 择偶条件, or the matchmaker's search conditions.
/// Every list holds dictionary (or region) codes; an empty list or nil bound is "any".
struct MatchCriteria: Sendable, Equatable {
    var ageMin: Int?, ageMax: Int?
    var heightMin: Int?, heightMax: Int?
    var weightMin: Int?, weightMax: Int?
    var regions: [String] = []
    var hukou: [String] = []
    var marital: [String] = []
    var zodiac: [String] = []
    var constellation: [String] = []
    var occupation: [String] = []
    var children: [String] = []
    var housing: [String] = []
    var car: [String] = []
    var educationMin = ""
    var incomeMin = ""

    /// The criterion keys in display order.
    static let keys = ["age", "height", "weight", "region", "hukou", "marital", "zodiac", "constellation", "occupation", "income",
                       "education", "children", "housing", "car"]

    /// The member's stored partner criteria (the `pc_` fields of Members).
    static func stored(of member: MemberRecord) -> MatchCriteria {
        func list(_ column: String) -> [String] { member[column].split(separator: ",").map(String.init).filter { !$0.isEmpty } }
        var c = MatchCriteria()
        c.ageMin = member.numbers["pc_age_min"]; c.ageMax = member.numbers["pc_age_max"]
        c.heightMin = member.numbers["pc_height_min"]; c.heightMax = member.numbers["pc_height_max"]
        c.weightMin = member.numbers["pc_weight_min"]; c.weightMax = member.numbers["pc_weight_max"]
        c.regions = list("pc_regions"); c.marital = list("pc_marital"); c.zodiac = list("pc_zodiac")
        c.constellation = list("pc_constellation"); c.occupation = list("pc_occupation"); c.children = list("pc_children")
        c.housing = list("pc_housing"); c.car = list("pc_car")
        c.educationMin = member["pc_education_min"]; c.incomeMin = member["pc_income_min"]
        return c
    }

    /// Search conditions from a submitted form (field names as in `formValues`).
    static func parse(_ q: FormData) -> MatchCriteria {
        func list(_ name: String) -> [String] {
            q.all(name).flatMap { $0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) } }.filter { !$0.isEmpty }
        }
        func int(_ name: String, _ range: ClosedRange<Int>) -> Int? { q.int(name).flatMap { range.contains($0) ? $0 : nil } }
        var c = MatchCriteria()
        c.ageMin = int("age_min", 18...99); c.ageMax = int("age_max", 18...99)
        c.heightMin = int("height_min", 100...250); c.heightMax = int("height_max", 100...250)
        c.weightMin = int("weight_min", 30...200); c.weightMax = int("weight_max", 30...200)
        c.regions = list("regions"); c.hukou = list("hukou"); c.marital = list("marital"); c.zodiac = list("zodiac")
        c.constellation = list("constellation"); c.occupation = list("occupation"); c.children = list("children")
        c.housing = list("housing"); c.car = list("car")
        c.educationMin = q["education_min"]; c.incomeMin = q["income_min"]
        return c
    }

    /// Form values of these criteria, for pre-filling the search form.
    var formValues: FormData {
        var f: [String: [String]] = [:]
        func put(_ name: String, _ value: Int?) { if let value { f[name] = [String(value)] } }
        put("age_min", ageMin); put("age_max", ageMax); put("height_min", heightMin); put("height_max", heightMax)
        put("weight_min", weightMin); put("weight_max", weightMax)
        for (name, values) in [("regions", regions), ("hukou", hukou), ("marital", marital), ("zodiac", zodiac),
                               ("constellation", constellation), ("occupation", occupation), ("children", children),
                               ("housing", housing), ("car", car)] where !values.isEmpty { f[name] = values }
        if !educationMin.isEmpty { f["education_min"] = [educationMin] }
        if !incomeMin.isEmpty { f["income_min"] = [incomeMin] }
        return FormData(fields: f)
    }

    /// The keys of the criteria that are set.
    var activeKeys: [String] {
        MatchCriteria.keys.filter { key in
            switch key {
            case "age": return ageMin != nil || ageMax != nil
            case "height": return heightMin != nil || heightMax != nil
            case "weight": return weightMin != nil || weightMax != nil
            case "region": return !regions.isEmpty
            case "hukou": return !hukou.isEmpty
            case "marital": return !marital.isEmpty
            case "zodiac": return !zodiac.isEmpty
            case "constellation": return !constellation.isEmpty
            case "occupation": return !occupation.isEmpty
            case "income": return !incomeMin.isEmpty
            case "education": return !educationMin.isEmpty
            case "children": return !children.isEmpty
            case "housing": return !housing.isEmpty
            default: return !car.isEmpty
            }
        }
    }
}
