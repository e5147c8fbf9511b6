import DeclarativeModules
import Foundation
import HostTesting
import PluginAPI
import SQLKit
import Testing

@Suite("declarative modules: demo data")
struct DemoRowsTests {
    @Test("yuelao demo fills the referrals with valid rows: distinct mobiles, listed statuses, demo staff as owners, demo members as referrers")
    func seeds() async throws {
        let team = try await ReferralTeam.make()
        let member = try await team.member("alice01", owner: "hna")
        let db = team.t.db
        let staff = [team.id("hna"), team.id("hnb")]
        let context = DemoContext(db: db, size: 3_000, staffIDs: staff, progress: { _, _, _ in }, transaction: { body in
            try await body(Transaction(db: db, actorID: nil, publisher: { _, _ in }, auditor: { _, _ in }))
        })
        struct Row: Decodable { let mobile: String; let status: String; let owner_id: Int64; let referrer: Int64; let referred_on: String }
        let rows: [Row]
        do {
            try await shippedReferrals().seedDemoData(context)
            rows = try await db.select().columns("mobile", "status", "owner_id", "referrer", "referred_on").from("referrals_referral")
                .all(decoding: Row.self)
        } catch {
            await team.t.host.shutdown()   // a pool released without shutdown trips async-kit's assertion
            throw error
        }
        await team.t.host.shutdown()
        #expect(rows.count == 30)
        #expect(Set(rows.map(\.mobile)).count == 30)
        #expect(Set(rows.map(\.status)).isSubset(of: ["new", "contacted", "joined", "declined"]))
        #expect(rows.allSatisfy { staff.contains($0.owner_id) && $0.referrer == member && $0.referred_on.count == 10 })
    }
}
