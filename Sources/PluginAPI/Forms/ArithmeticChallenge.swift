import Foundation

/// A small sum a visitor of a public form must answer, against scripts that post blindly.
///
/// The two numbers are derived from the visitor's CSRF token and a nonce carried in the form (FNV-1a), so the server
/// checks the answer without storing anything, and an answer cannot be reused with another visitor's token.
///
/// ```swift
/// // rendering the form
/// let challenge = ArithmeticChallenge.fresh(token: req.csrfToken)
/// fields += challenge.fields(language: req.language, error: errors["answer"])
/// // checking the post
/// guard ArithmeticChallenge.isAnswered(token: req.csrfToken, form: req.form) else {
///     errors["answer"] = ArithmeticChallenge.wrongAnswer(req.language)
/// }
/// ```
public struct ArithmeticChallenge: Sendable, Equatable {
    /// The nonce sent back in the hidden field `challenge`.
    public let nonce: String
    /// The first addend, 1…9.
    public let a: Int
    /// The second addend, 1…9.
    public let b: Int

    /// The challenge of `token` and `nonce`.
    /// - Parameters:
    ///   - token: The visitor's CSRF token (`req.csrfToken`).
    ///   - nonce: The nonce of the form.
    public init(token: String, nonce: String) {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in (token + "|" + nonce).utf8 { hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01b3 }
        self.nonce = nonce
        self.a = Int(hash % 9) + 1
        self.b = Int((hash / 9) % 9) + 1
    }

    /// A challenge with a new random nonce, for a form being rendered.
    /// - Parameter token: The visitor's CSRF token.
    public static func fresh(token: String) -> ArithmeticChallenge {
        ArithmeticChallenge(token: token, nonce: String(UInt64.random(in: 1...UInt64.max), radix: 16))
    }

    /// Whether `answer` (as typed, surrounding spaces ignored) is the sum.
    public func accepts(_ answer: String) -> Bool {
        Int(answer.trimmingCharacters(in: .whitespaces)) == a + b
    }

    /// Whether a submitted form (fields `challenge` and `answer`) answers the challenge of `token`.
    /// - Parameters:
    ///   - token: The visitor's CSRF token.
    ///   - form: The submitted form.
    public static func isAnswered(token: String, form: FormData) -> Bool {
        !form["challenge"].isEmpty && ArithmeticChallenge(token: token, nonce: form["challenge"]).accepts(form["answer"])
    }

    /// The question shown as the label of the answer field: "请计算：3 + 5 = ?".
    public func question(_ language: Language) -> String {
        language == .en ? "Please compute: \(a) + \(b) = ?" : "请计算：\(a) + \(b) = ?"
    }

    /// The message under the answer field when the answer is wrong or missing.
    public static func wrongAnswer(_ language: Language) -> String {
        language == .en ? "That answer is not right; please try again." : "计算结果不正确，请重新计算。"
    }

    /// The hidden nonce field `challenge` and the required number field `answer` labelled with the question.
    /// - Parameters:
    ///   - language: The visitor's language.
    ///   - error: The message to show under the answer, if any.
    public func fields(language: Language, error: String?) -> [FormField] {
        [FormField(name: "challenge", label: "", kind: .hidden, value: nonce),
         FormField(name: "answer", label: question(language), kind: .number, required: true, error: error,
                   attributes: ["autocomplete": "off", "inputmode": "numeric"])]
    }
}
