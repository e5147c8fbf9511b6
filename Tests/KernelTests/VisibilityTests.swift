import Testing
@testable import Kernel

@Suite("Visibility predicate")
struct VisibilityTests {
    @Test("none includes nothing, not even unowned records")
    func none() {
        #expect(!Visibility.none.includes(owner: 1))
        #expect(!Visibility.none.includes(owner: nil))
    }

    @Test("all includes every owner and unowned records")
    func all() {
        #expect(Visibility.all.includes(owner: 1))
        #expect(Visibility.all.includes(owner: nil))
    }

    @Test("an owner set includes its members and unowned records only")
    func owners() {
        let visibility = Visibility.owners([1, 2])
        #expect(visibility.includes(owner: 1))
        #expect(visibility.includes(owner: 2))
        #expect(!visibility.includes(owner: 3))
        #expect(visibility.includes(owner: nil))
    }
}
