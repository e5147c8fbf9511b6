import Foundation
import PluginAPI
import SQLKit

/// Validates member input (form, import row or API body) field by field; returns the values to store.
struct MemberValidation: Sendable {
    let req: ModuleRequest
    let options: [String: [SelectOption]]
    let today: String

    struct Result: Sendable {
        var errors: [String: String]
        /// Column → value to write ("" and nil mean empty; mobile and id_card are stored as NULL when empty).
        var values: [String: String]
        var numbers: [String: Int?]
    }

    func t(_ key: String) -> String { req.t(key) }

    /// Validates `input` (already trimmed field values). `exceptID` is the member being edited (uniqueness checks skip it).
    func validate(_ input: FormData, exceptID: Int64?, db: any SQLDatabase) async throws -> Result {
        var v = Validator(language: req.language)
        var values: [String: String] = [:]
        var numbers: [String: Int?] = [:]
        let username = input["username"]
        v.required("username", username, label: t("field.username"))
        v.length("username", username, 3...16, label: t("field.username"))
        v.pattern("username", username, "[^\\s<>\"'&]{3,16}", label: t("field.username"),
                  rule: LocalizedText(zh: "不能包含空格或 < > \" ' & 字符。", en: "no spaces or < > \" ' & characters."))
        values["username"] = username
        let gender = input["gender"]
        v.required("gender", gender, label: t("field.gender"))
        v.oneOf("gender", gender, (options["gender"] ?? []).map(\.value), label: t("field.gender"))
        values["gender"] = gender
        let birthday = input["birthday"]
        v.required("birthday", birthday, label: t("field.birthday"))
        if !birthday.isEmpty {
            if let age = MemberFormat.age(birthday: birthday, today: today), birthday.range(of: "^\\d{4}-\\d{2}-\\d{2}$", options: .regularExpression) != nil,
               MemberFormat.nextDay(birthday) != nil {
                if !(18...99).contains(age) { v.add("birthday", t("rule.age")) }
            } else {
                v.add("birthday", t("rule.date"))
            }
        }
        values["birthday"] = birthday
        // Regions: each level must be a child of the one above.
        for prefix in ["", "hukou_"] {
            let province = input[prefix + "province"], city = input[prefix + "city"], district = input[prefix + "district"]
            if prefix.isEmpty { v.required("province", province, label: t("field.province")) }
            if !province.isEmpty, try await req.host.regions.path(province).count != 1 { v.add(prefix + "province", t("rule.region")) }
            if !city.isEmpty, try await req.host.regions.path(city).first?.code != province { v.add(prefix + "city", t("rule.region")) }
            if !district.isEmpty, try await req.host.regions.path(district).dropLast().last?.code != city { v.add(prefix + "district", t("rule.region")) }
            values[prefix + "province"] = province
            values[prefix + "city"] = city
            values[prefix + "district"] = district
        }
        let idCard = input["id_card"].uppercased()
        if !idCard.isEmpty {
            if !IDCard.isValid(idCard) {
                v.add("id_card", t("rule.idCard"))
            } else {
                if let b = IDCard.birthday(idCard), !birthday.isEmpty, b != birthday { v.add("birthday", t("rule.idCardBirthday").replacingOccurrences(of: "{date}", with: b)) }
                if let g = IDCard.gender(idCard), !gender.isEmpty, g != gender { v.add("gender", t("rule.idCardGender")) }
            }
        }
        values["id_card"] = idCard
        let mobile = input["mobile"]
        v.mobile("mobile", mobile, label: t("field.mobile"))
        values["mobile"] = mobile
        v.email("email", input["email"], label: t("field.email"))
        v.pattern("qq", input["qq"], "[1-9][0-9]{4,11}", label: "QQ", rule: LocalizedText(zh: "须为 5–12 位数字。", en: "5–12 digits."))
        for (column, max) in MemberFields.freeText {
            v.length(column, input[column], 0...max, label: t("field.\(column)"))
            values[column] = input[column]
        }
        for (column, range) in MemberFields.ranges {
            v.integer(column, input[column], range, label: t("field.\(column)"))
            numbers[column] = Int(input[column])
        }
        for (lo, hi) in [("pc_age_min", "pc_age_max"), ("pc_height_min", "pc_height_max"), ("pc_weight_min", "pc_weight_max")] {
            if let a = Int(input[lo]), let b = Int(input[hi]), a > b { v.add(hi, t("rule.range")) }
        }
        for (column, list) in MemberFields.dictionaryList {
            let allowed = Set((options[list] ?? []).map(\.value))
            let codes = MemberFields.multi.contains(column) ? input.all(column).flatMap { $0.split(separator: ",").map(String.init) } : [input[column]]
            for code in codes where !code.isEmpty && !allowed.contains(code) {
                v.add(column, "\(t("field.\(column)"))：\(t("rule.option"))")
            }
            values[column] = codes.filter { !$0.isEmpty }.joined(separator: ",")
        }
        let regions = input.all("pc_regions").flatMap { $0.split(separator: ",").map(String.init) }
        if !regions.isEmpty, try await req.host.regions.names(Set(regions)).count != Set(regions).count { v.add("pc_regions", t("rule.region")) }
        values["pc_regions"] = regions.joined(separator: ",")
        let status = input["customer_status"].isEmpty ? "searching" : input["customer_status"]
        v.oneOf("customer_status", status, (options["customer_status"] ?? []).map(\.value), label: t("field.customer_status"))
        values["customer_status"] = status
        values["blacklisted"] = input.bool("blacklisted") ? "1" : "0"
        values["opt_out"] = input.bool("opt_out") ? "1" : "0"
        let password = input.fields["password"]?.first ?? ""
        if !password.isEmpty, !(6...16).contains(password.count) { v.add("password", t("rule.password")) }
        // Uniqueness, only for values that passed their format rules.
        for column in ["username", "mobile", "id_card"] where v.errors[column] == nil && !(values[column] ?? "").isEmpty {
            if try await MemberValidation.taken(column, values[column] ?? "", except: exceptID, db: db) { v.add(column, t("rule.taken.\(column)")) }
        }
        return Result(errors: v.errors, values: values, numbers: numbers)
    }

    /// Whether another member already uses `value` in `column`.
    static func taken(_ column: String, _ value: String, except: Int64?, db: any SQLDatabase) async throws -> Bool {
        let query = db.select().column("id").from("members_member").where(SQLIdentifier(column), .equal, SQLBind(value))
        if let except { query.where("id", .notEqual, except) }
        return try await query.first() != nil
    }
}
