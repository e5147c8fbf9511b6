import Foundation
import SQLKit

/// A small sum a visitor of a public form must answer, against scripts that post blindly.
///
/// Each rendered form gets a fresh challenge whose answer the host keeps in its table `core_challenge` under a random
/// nonce carried in the form. The nonce is good for ``lifetime`` seconds and for one check only: checking a post spends
/// it (atomically, whatever the answer), so one answered challenge cannot be replayed, and a wrong answer means a new
/// challenge on the page shown again.
///
/// ```swift
/// // rendering the form
/// let challenge = try await ArithmeticChallenge.issue(db: req.db)
/// fields += challenge.fields(language: req.language, error: errors["answer"])
/// // checking the post (spends the nonce)
/// guard try await ArithmeticChallenge.isAnswered(form: req.form, db: req.db) else {
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

    /// How long an issued challenge may be answered, in seconds (30 minutes).
    public static let lifetime: Int64 = 1800
    /// The host table holding issued challenges (nonce, answer, expires_at).
    static let table = "core_challenge"

    /// A challenge with these values (``issue(db:now:)`` makes and stores one for a form).
    /// - Parameters:
    ///   - nonce: The nonce of the form.
    ///   - a: The first addend.
    ///   - b: The second addend.
    public init(nonce: String, a: Int, b: Int) {
        self.nonce = nonce
        self.a = a
        self.b = b
    }

    /// A new challenge with a random nonce and sum, stored for a form being rendered; expired challenges are dropped.
    /// - Parameters:
    ///   - db: The database (`req.db`).
    ///   - now: The current time, UTC epoch seconds.
    public static func issue(db: any SQLDatabase, now: Int64 = Int64(Date().timeIntervalSince1970)) async throws -> ArithmeticChallenge {
        var random = SystemRandomNumberGenerator()
        let nonce = (0..<2).map { _ in String(random.next() as UInt64, radix: 16) }.joined(separator: "-")
        let challenge = ArithmeticChallenge(nonce: nonce, a: Int.random(in: 1...9, using: &random), b: Int.random(in: 1...9, using: &random))
        try await db.delete(from: table).where("expires_at", .lessThanOrEqual, now).run()
        try await db.insert(into: table).columns("nonce", "answer", "expires_at")
            .values(SQLBind(nonce), SQLBind(challenge.a + challenge.b), SQLBind(now + lifetime)).run()
        return challenge
    }

    /// Whether a submitted form (fields `challenge` and `answer`, surrounding spaces ignored) answers a challenge issued
    /// less than ``lifetime`` ago and not checked before. The challenge is spent either way.
    /// - Parameters:
    ///   - form: The submitted form.
    ///   - db: The database (`req.db`).
    ///   - now: The current time, UTC epoch seconds.
    public static func isAnswered(form: FormData, db: any SQLDatabase, now: Int64 = Int64(Date().timeIntervalSince1970)) async throws -> Bool {
        let nonce = form["challenge"]
        guard !nonce.isEmpty else { return false }
        // One statement: of two posts of one nonce, only one gets the row back.
        let stored = try await db.raw("DELETE FROM \(ident: table) WHERE nonce = \(bind: nonce) AND expires_at > \(bind: now) RETURNING answer")
            .first(decodingColumn: "answer", as: Int.self)
        guard let stored else { return false }
        return Int(form["answer"].trimmingCharacters(in: .whitespaces)) == stored
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
