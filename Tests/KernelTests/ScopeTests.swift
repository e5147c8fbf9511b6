import Foundation
import Testing
@testable import Kernel

@Suite("Scopes")
struct ScopeTests {
    @Test("scopes order own < subtree < all")
    func ordering() {
        #expect(Scope.own < .subtree)
        #expect(Scope.subtree < .all)
        #expect(Scope.allCases.sorted() == [.own, .subtree, .all])
        #expect(Scope.allCases.max() == .all)
    }

    @Test("the default scope is subtree")
    func defaultScope() {
        #expect(Scope.default == .subtree)
    }

    @Test("scopes code as their raw names")
    func coding() throws {
        let data = try JSONEncoder().encode(Scope.allCases)
        #expect(String(decoding: data, as: UTF8.self) == #"["own","subtree","all"]"#)
        #expect(Scope(rawValue: "subtree") == .subtree)
    }
}
