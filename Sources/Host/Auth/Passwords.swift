import HummingbirdBcrypt
import NIOPosix

/// bcrypt hashing off the event loops (cost 10 by default, ≥ 10 always).
enum Passwords {
    static let cost: UInt8 = 10

    static func hash(_ password: String) async throws -> String {
        try await NIOThreadPool.singleton.runIfActive { Bcrypt.hash(password, cost: cost) }
    }

    static func verify(_ password: String, hash: String) async throws -> Bool {
        guard !hash.isEmpty else { return false }
        return try await NIOThreadPool.singleton.runIfActive { Bcrypt.verify(password, hash: hash) }
    }

    /// The password rule shared by every form: 6–16 characters. Returns a message key when broken.
    static func ruleViolation(_ password: String) -> String? {
        (6...16).contains(password.count) ? nil : "core.error.passwordLength"
    }
}
