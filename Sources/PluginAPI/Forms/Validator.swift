import Foundation

/// Collects one clear message per field, in the user's language, naming the field and the rule.
///
/// ```swift
/// var v = Validator(language: req.language)
/// v.required("login", form["login"], label: "登录名")
/// v.length("login", form["login"], 3...16, label: "登录名")
/// v.mobile("mobile", form["mobile"], label: "手机")
/// guard v.isValid else { return renderForm(errors: v.errors) }
/// ```
public struct Validator: Sendable {
    /// Field name → message (the first problem found per field).
    public private(set) var errors: [String: String] = [:]
    /// The language of the messages.
    public let language: Language

    /// Creates an empty validator.
    public init(language: Language) { self.language = language }

    /// Whether no rule failed.
    public var isValid: Bool { errors.isEmpty }

    private var en: Bool { language == .en }

    /// Records `message` for `name` unless the field already has one.
    public mutating func add(_ name: String, _ message: String) {
        if errors[name] == nil { errors[name] = message }
    }

    /// The value must not be empty.
    public mutating func required(_ name: String, _ value: String, label: String) {
        if value.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            add(name, en ? "\(label) is required." : "请填写\(label)。")
        }
    }

    /// A non-empty value must have a length within `range` (characters).
    public mutating func length(_ name: String, _ value: String, _ range: ClosedRange<Int>, label: String) {
        guard !value.isEmpty, !range.contains(value.count) else { return }
        add(name, en ? "\(label) must be \(range.lowerBound)–\(range.upperBound) characters long."
                     : "\(label)长度须为 \(range.lowerBound)–\(range.upperBound) 个字符。")
    }

    /// A non-empty value must match `pattern` entirely; `rule` describes the rule to the user.
    public mutating func pattern(_ name: String, _ value: String, _ pattern: String, label: String, rule: LocalizedText) {
        guard !value.isEmpty else { return }
        if value.range(of: "^(?:\(pattern))$", options: .regularExpression) == nil {
            add(name, en ? "\(label): \(rule.en)" : "\(label)：\(rule.zh)")
        }
    }

    /// A non-empty value must be an e-mail address.
    public mutating func email(_ name: String, _ value: String, label: String) {
        pattern(name, value, "[^@\\s]+@[^@\\s]+\\.[^@\\s]+", label: label,
                rule: LocalizedText(zh: "请输入有效的电子邮箱地址。", en: "enter a valid e-mail address."))
    }

    /// A non-empty value must be a mainland China mobile number (11 digits starting 13–19).
    public mutating func mobile(_ name: String, _ value: String, label: String) {
        pattern(name, value, "1[3-9][0-9]{9}", label: label,
                rule: LocalizedText(zh: "请输入 11 位手机号码。", en: "enter an 11-digit mainland mobile number."))
    }

    /// A non-empty value must be an integer within `range`.
    public mutating func integer(_ name: String, _ value: String, _ range: ClosedRange<Int>, label: String) {
        guard !value.isEmpty else { return }
        guard let number = Int(value), range.contains(number) else {
            add(name, en ? "\(label) must be a whole number from \(range.lowerBound) to \(range.upperBound)."
                         : "\(label)须为 \(range.lowerBound) 到 \(range.upperBound) 之间的整数。")
            return
        }
    }

    /// A non-empty value must be one of `allowed`.
    public mutating func oneOf(_ name: String, _ value: String, _ allowed: [String], label: String) {
        guard !value.isEmpty, !allowed.contains(value) else { return }
        add(name, en ? "\(label): choose one of the listed options." : "\(label)：请从列表中选择。")
    }
}
