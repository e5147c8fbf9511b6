import Foundation
import PluginAPI

/// A submitted contract form, validated field by field in the user's language; amounts become fen.
struct ContractInput: Sendable {
    var number = ""
    var kind = ""
    var totalAmount: Int64 = 0
    var serviceDays = 0
    var signedOn = ""
    var startsOn = ""
    var endsOn = ""
    var minMeetings = 0
    var serviceContent = ""
    var remark = ""
    var firstPaymentAmount: Int64 = 0
    var firstPaymentOn = ""
    var firstPaymentKind = ""
    var errors: [String: String] = [:]

    static let kinds = ["first", "renewal"]
    static let paymentKinds = ["full", "deposit", "balance"]
    static let textFields = ["number", "kind", "total_amount", "service_days", "signed_on", "starts_on", "ends_on", "min_meetings",
                             "service_content", "remark", "first_payment_amount", "first_payment_on", "first_payment_kind"]

    /// `yyyy-MM-dd` plus `days` (the service's end date), nil for a bad date.
    static func date(_ day: String, plus days: Int) -> String? {
        guard let start = AgencyTime.dayStart(day, timeZone: "UTC") else { return nil }
        return AgencyTime.format(start + Int64(days) * 86_400, timeZone: "UTC", pattern: "yyyy-MM-dd")
    }

    /// Validates `form`; `hasEffective` tells whether the member already has an effective contract (renewals need one).
    static func validate(_ req: ModuleRequest, _ form: FormData, hasEffective: Bool) -> ContractInput {
        var input = ContractInput()
        var v = Validator(language: req.language)
        func label(_ name: String) -> String { req.t("field.\(name)") }
        input.number = form["number"].trimmingCharacters(in: .whitespaces)
        v.pattern("number", input.number, "[A-Za-z0-9_-]{1,40}", label: label("number"),
                  rule: LocalizedText(zh: "只能包含字母、数字、- 和 _，最多 40 位。", en: "letters, digits, - and _ only, at most 40."))
        input.kind = form["kind"]
        v.required("kind", input.kind, label: label("kind"))
        v.oneOf("kind", input.kind, kinds, label: label("kind"))
        if input.kind == "renewal" && !hasEffective { v.add("kind", req.t("rule.renewalNeedsContract")) }
        v.required("total_amount", form["total_amount"], label: label("total_amount"))
        if !form["total_amount"].isEmpty {
            if let fen = UIFormat.fen(fromYuan: form["total_amount"]), fen > 0, fen <= 1_000_000_000 { input.totalAmount = fen }
            else { v.add("total_amount", req.t("rule.amount")) }
        }
        v.required("service_days", form["service_days"], label: label("service_days"))
        v.integer("service_days", form["service_days"], 1...3650, label: label("service_days"))
        input.serviceDays = Int(form["service_days"]) ?? 0
        for name in ["signed_on", "starts_on"] {
            v.required(name, form[name], label: label(name))
            if !form[name].isEmpty && AgencyTime.dayStart(form[name], timeZone: "UTC") == nil { v.add(name, req.t("rule.date")) }
        }
        input.signedOn = form["signed_on"]
        input.startsOn = form["starts_on"]
        input.endsOn = form["ends_on"].isEmpty ? (date(input.startsOn, plus: input.serviceDays) ?? "") : form["ends_on"]
        if !form["ends_on"].isEmpty && AgencyTime.dayStart(form["ends_on"], timeZone: "UTC") == nil { v.add("ends_on", req.t("rule.date")) }
        else if !input.endsOn.isEmpty, !input.startsOn.isEmpty, input.endsOn <= input.startsOn { v.add("ends_on", req.t("rule.endAfterStart")) }
        v.integer("min_meetings", form["min_meetings"], 0...1000, label: label("min_meetings"))
        input.minMeetings = Int(form["min_meetings"]) ?? 0
        input.serviceContent = form["service_content"]
        v.length("service_content", input.serviceContent, 0...2000, label: label("service_content"))
        input.remark = form["remark"]
        v.length("remark", input.remark, 0...1000, label: label("remark"))
        if !form["first_payment_amount"].isEmpty {
            if let fen = UIFormat.fen(fromYuan: form["first_payment_amount"]), fen > 0 {
                input.firstPaymentAmount = fen
                if input.totalAmount > 0, fen > input.totalAmount { v.add("first_payment_amount", req.t("rule.paymentOverTotal")) }
            } else {
                v.add("first_payment_amount", req.t("rule.amount"))
            }
            v.required("first_payment_on", form["first_payment_on"], label: label("first_payment_on"))
            if !form["first_payment_on"].isEmpty && AgencyTime.dayStart(form["first_payment_on"], timeZone: "UTC") == nil {
                v.add("first_payment_on", req.t("rule.date"))
            }
            v.required("first_payment_kind", form["first_payment_kind"], label: label("first_payment_kind"))
            v.oneOf("first_payment_kind", form["first_payment_kind"], paymentKinds, label: label("first_payment_kind"))
            if form["first_payment_kind"] == "full", input.totalAmount > 0, input.firstPaymentAmount != input.totalAmount {
                v.add("first_payment_kind", req.t("rule.fullMeansTotal"))
            }
            input.firstPaymentOn = form["first_payment_on"]
            input.firstPaymentKind = form["first_payment_kind"]
        }
        input.errors = v.errors
        return input
    }
}
