import Foundation
import HummingbirdBcrypt
import NIOPosix

/// bcrypt hashing off the event loops (cost 10 by default, ≥ 10 always), and the password policy of staff accounts.
enum Passwords {
    static let cost: UInt8 = 10
    /// Staff login and security passwords: 10–128 characters, not one of the 10,000 most common passwords.
    static let lengths = 10...128

    static func hash(_ password: String) async throws -> String {
        try await NIOThreadPool.singleton.runIfActive { Bcrypt.hash(password, cost: cost) }
    }

    /// Whether `password` matches `hash`. Without a hash (an unknown login) it is checked against a dummy hash all the
    /// same, so an unknown login takes as long as a known one.
    static func verify(_ password: String, hash: String?) async throws -> Bool {
        try await NIOThreadPool.singleton.runIfActive {
            guard let hash, !hash.isEmpty else {
                _ = Bcrypt.verify(password, hash: dummyHash)
                return false
            }
            return Bcrypt.verify(password, hash: hash)
        }
    }

    /// A hash of a random password, made once (off the event loops, on first use).
    private static let dummyHash = Bcrypt.hash(Tokens.random(), cost: cost)

    /// The rule of every staff password form (login and security passwords, the command line). Returns a message key
    /// when broken.
    static func ruleViolation(_ password: String) -> String? {
        guard lengths.contains(password.count) else { return "core.error.passwordLength" }
        return isCommon(password) ? "core.error.passwordCommon" : nil
    }

    /// Whether `password` (ignoring case) is in the shipped list of the 10,000 most common passwords
    /// (`Resources/common-passwords.txt`, see docs/data-sources.md).
    static func isCommon(_ password: String) -> Bool {
        common.contains(password.lowercased())
    }

    private static let common: Set<String> = {
        guard let url = Bundle.module.url(forResource: "common-passwords", withExtension: "txt", subdirectory: "Resources"),
              let text = try? String(contentsOf: url, encoding: .utf8) else { return [] }
        return Set(text.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces).lowercased() })
    }()

    /// A temporary password handed out by a reset: 16 random URL-safe characters (never in the common list).
    static func temporary() -> String {
        String(Tokens.random(bytes: 12).prefix(16))
    }
}
