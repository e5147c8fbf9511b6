import Foundation
import Testing
@testable import Kernel

@Suite("Permission keys")
struct PermissionKeyTests {
    // MARK: Parsing

    @Test("a dotted string of three parts parses")
    func parsesThreeParts() throws {
        let key = try #require(PermissionKey("members.member.view"))
        #expect(key == PermissionKey(module: "members", resource: "member", action: "view"))
        #expect(key.description == "members.member.view")
        #expect(PermissionKey(key.description) == key)
    }

    @Test("anything but exactly three non-empty parts is refused",
          arguments: ["", ".", "..", "members", "members.member", "members.member.view.extra", "members..view", ".member.view", "members.member.", "a.b.c."])
    func refusesMalformed(string: String) {
        #expect(PermissionKey(string) == nil)
    }

    @Test("with(action:) keeps module and resource")
    func withAction() {
        let view = PermissionKey(module: "finance", resource: "payment", action: "view")
        #expect(view.with(action: "approvePayment").description == "finance.payment.approvePayment")
    }

    @Test("keys order by module, then resource, then action")
    func ordering() {
        let keys = ["b.a.a", "a.b.a", "a.a.b", "a.a.a"].compactMap(PermissionKey.init)
        #expect(keys.sorted().map(\.description) == ["a.a.a", "a.a.b", "a.b.a", "b.a.a"])
    }

    // MARK: Coding

    @Test("a key encodes as its dotted string and decodes back")
    func codableRoundTrip() throws {
        let key = PermissionKey(module: "members", resource: "member", action: "allocate")
        let data = try JSONEncoder().encode([key])
        #expect(String(decoding: data, as: UTF8.self) == #"["members.member.allocate"]"#)
        #expect(try JSONDecoder().decode([PermissionKey].self, from: data) == [key])
    }

    @Test("decoding a malformed key fails")
    func decodingMalformedFails() {
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode([PermissionKey].self, from: Data(#"["members.member"]"#.utf8))
        }
    }
}
