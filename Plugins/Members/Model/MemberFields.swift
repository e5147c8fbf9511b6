import PluginAPI
import Settings

/// Which profile column reads which data-dictionary list, and which columns hold several codes.
enum MemberFields {
    static let dictionaryList: [String: String] = [
        "marital_status": "marital_status", "education": "education", "income_band": "income_band", "monthly_spending": "monthly_spending",
        "occupation": "occupation", "dating_purpose": "dating_purpose", "car": "car", "housing": "housing", "children": "children",
        "blood_type": "blood_type", "ethnicity": "ethnicity", "personality": "personality", "appearance": "appearance", "hobbies": "hobby",
        "religion": "religion", "smoking": "smoking", "drinking": "drinking", "company_type": "company_type", "work_status": "work_status",
        "sleep_habit": "sleep_habit", "health": "health", "foreign_languages": "foreign_language", "family_ranking": "family_ranking",
        "parents_status": "parents_status", "parents_economy": "parents_economy", "parents_work": "parents_work",
        "pc_marital": "marital_status", "pc_education_min": "education", "pc_income_min": "income_band", "pc_housing": "housing",
        "pc_car": "car", "pc_children": "children", "pc_zodiac": "zodiac", "pc_constellation": "constellation", "pc_occupation": "occupation",
    ]
    /// Columns holding comma-separated codes (multi-select).
    static let multi: Set<String> = ["hobbies", "foreign_languages", "pc_marital", "pc_zodiac", "pc_constellation", "pc_regions"]
    /// Free-text columns and their maximum lengths.
    static let freeText: [String: Int] = ["real_name": 20, "email": 100, "qq": 12, "wechat": 40, "criminal_record": 200, "introduction": 2000]
    /// Integer columns and their allowed ranges.
    static let ranges: [String: ClosedRange<Int>] = [
        "height": 100...250, "weight": 30...200, "pc_age_min": 18...99, "pc_age_max": 18...99, "pc_height_min": 100...250,
        "pc_height_max": 100...250, "pc_weight_min": 30...200, "pc_weight_max": 30...200,
    ]

    /// Form sections: basic, personal & family, partner criteria.
    static let basicForm = ["real_name", "id_card", "mobile", "email", "qq", "wechat", "height", "weight", "marital_status", "education",
                            "income_band", "monthly_spending", "occupation", "dating_purpose", "car", "housing", "children", "blood_type",
                            "ethnicity", "personality", "appearance", "hobbies"]
    static let personalForm = ["religion", "smoking", "drinking", "company_type", "work_status", "sleep_habit", "health", "foreign_languages",
                               "criminal_record", "family_ranking", "parents_status", "parents_economy", "parents_work", "introduction"]
    static let criteriaForm = ["pc_age_min", "pc_age_max", "pc_height_min", "pc_height_max", "pc_weight_min", "pc_weight_max", "pc_regions",
                               "pc_marital", "pc_education_min", "pc_income_min", "pc_housing", "pc_car", "pc_children", "pc_zodiac",
                               "pc_constellation", "pc_occupation"]

    /// Every allowed code of every list the form uses, loaded once per request.
    static func options(_ req: ModuleRequest) async throws -> [String: [SelectOption]] {
        var result: [String: [SelectOption]] = [:]
        for list in Set(dictionaryList.values).union(["gender", "customer_status"]) {
            result[list] = try await DictionaryService.options(list, db: req.db, cache: req.host.cache, language: req.language)
        }
        return result
    }
}
