/// An error a module handler throws for the host to turn into the right answer.
public struct ModuleError: Error, Sendable, Equatable, CustomStringConvertible {
    private enum Kind: Equatable, Sendable {
        case notFound, forbidden, unauthenticated, badRequest(String), validation([String: String]), conflict(String)
    }
    private let kind: Kind

    /// 404: the record does not exist or is not visible (do not reveal which).
    public static let notFound = ModuleError(kind: .notFound)
    /// 403: visible, but the action is not granted.
    public static let forbidden = ModuleError(kind: .forbidden)
    /// 401 / login redirect.
    public static let unauthenticated = ModuleError(kind: .unauthenticated)
    /// 400 with a message for the user.
    public static func badRequest(_ message: String) -> ModuleError { ModuleError(kind: .badRequest(message)) }
    /// 422 with a message per field.
    public static func validation(_ errors: [String: String]) -> ModuleError { ModuleError(kind: .validation(errors)) }
    /// 409 with a message for the user.
    public static func conflict(_ message: String) -> ModuleError { ModuleError(kind: .conflict(message)) }

    /// The HTTP status this error answers with.
    public var status: Int {
        switch kind {
        case .notFound: 404
        case .forbidden: 403
        case .unauthenticated: 401
        case .badRequest: 400
        case .validation: 422
        case .conflict: 409
        }
    }

    /// The user-facing message, if any.
    public var message: String? {
        switch kind {
        case .badRequest(let m), .conflict(let m): m
        case .validation(let errors): errors.sorted { $0.key < $1.key }.map { "\($0.key): \($0.value)" }.joined(separator: "; ")
        default: nil
        }
    }

    /// Field errors of a validation error.
    public var fieldErrors: [String: String] {
        if case .validation(let errors) = kind { return errors }
        return [:]
    }

    public var description: String { "ModuleError(\(status)\(message.map { ": \($0)" } ?? ""))" }
}
