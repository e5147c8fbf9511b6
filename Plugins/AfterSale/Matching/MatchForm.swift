import Members
import PluginAPI
import Settings

/// The matching search form: conditions pre-filled from the member's partner criteria, the pool, the mode and the order.
struct MatchForm: Sendable {
    let req: ModuleRequest
    /// Dictionary options by list.
    let options: [String: [SelectOption]]
    let provinces: [SelectOption]

    static let lists = ["marital_status", "zodiac", "constellation", "occupation", "income_band", "education", "children", "housing", "car"]

    static func load(_ req: ModuleRequest) async throws -> MatchForm {
        var options: [String: [SelectOption]] = [:]
        for list in lists { options[list] = try await DictionaryService.options(list, db: req.db, cache: req.host.cache, language: req.language) }
        let provinces = try await req.host.regions.children(of: nil).map { SelectOption(value: $0.code, label: $0.name) }
        return MatchForm(req: req, options: options, provinces: provinces)
    }

    /// The rules with the administrator's order of education and income codes.
    func rules(today: String) -> MatchRules {
        MatchRules(educationOrder: (options["education"] ?? []).map(\.value), incomeOrder: (options["income_band"] ?? []).map(\.value), today: today)
    }

    /// The label of a criterion key.
    func label(_ key: String) -> String { req.t("criterion.\(key)") }

    func render(action: String, values: FormData) -> HTML {
        func joined(_ name: String) -> String { values.all(name).joined(separator: ",") }
        func multi(_ name: String, _ list: String) -> FormField {
            FormField(name: name, label: label(name == "regions" ? "region" : name), kind: .multiSelect(options: options[list] ?? []), value: joined(name))
        }

        // The common conditions first; the long lists (regions, household registration, zodiac, constellation, occupation …)
        // in the collapsible "more conditions", open whenever one of them is set.
        let fields: [FormField] = [
            FormField(name: "age_min", label: label("age"), kind: .range(toName: "age_max", toValue: values["age_max"]), value: values["age_min"]),
            FormField(name: "height_min", label: label("height"), kind: .range(toName: "height_max", toValue: values["height_max"]), value: values["height_min"]),
            FormField(name: "education_min", label: label("education"), kind: .select(options: options["education"] ?? [], allowEmpty: true),
                      value: values["education_min"], help: req.t("criterion.atLeast")),
            FormField(name: "income_min", label: label("income"), kind: .select(options: options["income_band"] ?? [], allowEmpty: true),
                      value: values["income_min"], help: req.t("criterion.atLeast")),
            multi("marital", "marital_status"),
            FormField(name: "pool", label: req.t("match.pool"), kind: .radio(options: MatchSearch.Pool.allCases.map { SelectOption(value: $0.rawValue, label: req.t("pool.\($0.rawValue)")) }),
                      value: values["pool"].isEmpty ? "all" : values["pool"]),
            FormField(name: "mode", label: req.t("match.mode"), kind: .radio(options: MatchSearch.Mode.allCases.map { SelectOption(value: $0.rawValue, label: req.t("mode.\($0.rawValue)")) }),
                      value: values["mode"].isEmpty ? "conditions" : values["mode"]),
            FormField(name: "sort", label: req.t("match.sort"), kind: .select(options: MatchSearch.Sort.allCases.map { SelectOption(value: $0.rawValue, label: req.t("sort.\($0.rawValue)")) },
                                                                      allowEmpty: false),
                      value: values["sort"].isEmpty ? "score" : values["sort"]),
        ]
        let more: [FormField] = [
            FormField(name: "weight_min", label: label("weight"), kind: .range(toName: "weight_max", toValue: values["weight_max"]), value: values["weight_min"]),
            multi("children", "children"), multi("housing", "housing"), multi("car", "car"),
            FormField(name: "regions", label: label("region"), kind: .multiSelect(options: provinces), value: joined("regions")),
            FormField(name: "hukou", label: label("hukou"), kind: .multiSelect(options: provinces), value: joined("hukou")),
            multi("zodiac", "zodiac"), multi("constellation", "constellation"), multi("occupation", "occupation"),
        ]
        return SearchForm(action: action, fields: fields, extraHidden: ["run": "1"], more: more, moreLabel: req.t("match.more"))
            .render(strings: req.uiStrings)
    }

    /// The names of the form's fields, to carry the current search through paging links.
    static let fieldNames = ["age_min", "age_max", "height_min", "height_max", "weight_min", "weight_max", "regions", "hukou", "marital", "zodiac",
                             "constellation", "occupation", "income_min", "education_min", "children", "housing", "car", "pool", "mode", "sort", "run"]
}
