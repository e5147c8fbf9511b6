import Foundation
@testable import Host
import HostTesting
import PluginAPI
import SQLKit
import Testing

@Suite("nothing is lost or sent twice when a worker stops mid-send")
struct OutboxLeaseTests {
    @Test("a row claimed by a worker that stopped is sent once by a new host after the lease runs out, not before")
    func restartAfterStop() async throws {
        let sink = try await SMTPSink.start()
        let url = try await TestHost.freshDatabaseURL()
        let first = try await TestHost.make(modules: [], databaseURL: url, notifications: .smtp(sink))
        var t0: Int64 = 0
        var id: Int64 = 0
        try await first.using {
            id = try await first.enqueue(.mail(to: "sun@example.com", subject: "Interrupted"))
            t0 = Clock.now()
            // The worker claims the row, then the process stops before the send completes.
            let claimed = try await OutboxStore(database: first.host.database)
                .claim(now: t0, limit: 10, leaseSeconds: 120, maxAttempts: 8, channels: [.email])
            #expect(claimed.map(\.id) == [id])
            let row = try #require(try await first.outbox(id))
            #expect(row.status == "sending" && row.lease_until == t0 + 120 && row.attempts == 1)
        }

        let second = try await TestHost.make(modules: [], databaseURL: url, notifications: .smtp(sink))
        try await second.using {
            let worker = second.host.outboxWorker()
            #expect(try await worker.runOnce(now: t0 + 60).claimed == 0, "a live lease is not picked twice")
            #expect(try await worker.runOnce(now: t0 + 120).claimed == 0, "the lease holds up to its last second")
            #expect(sink.mails.isEmpty && sink.connections == 0)

            #expect(try await worker.runOnce(now: t0 + 121) == OutboxWorker.Pass(claimed: 1, sent: 1))
            #expect(sink.mails.count == 1 && sink.mails.first?.subject == "Interrupted")
            let row = try #require(try await second.outbox(id))
            #expect(row.status == "sent" && row.attempts == 2 && row.sent_at == t0 + 121 && row.lease_until == nil)
            #expect(try await worker.runOnce(now: t0 + 10_000).claimed == 0)
            #expect(sink.mails.count == 1, "sent exactly once")
        }
        await sink.stop()
    }

    @Test("two workers on one database claim disjoint rows: each of 12 messages is sent exactly once")
    func concurrentWorkers() async throws {
        let sink = try await SMTPSink.start()
        let url = try await TestHost.freshDatabaseURL()
        var config = NotificationConfig.smtp(sink)
        config.worker.batch = 3
        let a = try await TestHost.make(modules: [], databaseURL: url, notifications: config)
        let b = try await TestHost.make(modules: [], databaseURL: url, notifications: config)
        try await a.using {
            try await b.using {
                for n in 1...12 { try await a.enqueue(.mail(to: "m\(n)@example.com")) }
                let now = Clock.now()
                /// Passes until one claims nothing; returns the number claimed.
                @Sendable func drain(_ worker: OutboxWorker) async throws -> Int {
                    var total = 0
                    while true {
                        let pass = try await worker.runOnce(now: now)
                        if pass.claimed == 0 { return total }
                        total += pass.claimed
                    }
                }
                async let claimedA = drain(a.host.outboxWorker())
                async let claimedB = drain(b.host.outboxWorker())
                let (ra, rb) = try await (claimedA, claimedB)
                #expect(ra + rb == 12)
                let recipients = sink.mails.flatMap(\.recipients)
                #expect(recipients.count == 12 && Set(recipients).count == 12)
                #expect(try await a.outbox().allSatisfy { $0.status == "sent" && $0.attempts == 1 })
            }
        }
        await sink.stop()
    }

    @Test("a message that stopped the host on its last attempt is marked failed instead of being sent again")
    func poisonMessage() async throws {
        let sink = try await SMTPSink.start()
        let t = try await TestHost.make(modules: [], notifications: .smtp(sink, maxAttempts: 1))
        try await t.using {
            let id = try await t.enqueue(.mail(to: "zhou@example.com"))
            let t0 = Clock.now()
            _ = try await OutboxStore(database: t.host.database).claim(now: t0, limit: 1, leaseSeconds: 120, maxAttempts: 1, channels: [.email])
            #expect(try await t.host.outboxWorker().runOnce(now: t0 + 121).claimed == 0)
            let row = try #require(try await t.outbox(id))
            #expect(row.status == "failed" && row.last_error.contains("interrupted") && row.lease_until == nil)
            #expect(sink.mails.isEmpty)
        }
        await sink.stop()
    }

    @Test("a claim given back unsent is pending again with the attempt not counted; a stale claim cannot overwrite a new one")
    func releaseAndStaleClaims() async throws {
        let t = try await TestHost.make(modules: [])
        try await t.using {
            let store = OutboxStore(database: t.host.database)
            let id = try await t.enqueue(.mail(to: "wu@example.com"))
            let t0 = Clock.now()
            let claimed = try #require(try await store.claim(now: t0, limit: 5, leaseSeconds: 120, maxAttempts: 8, channels: [.email]).first)
            try await store.release(claimed)
            var row = try #require(try await t.outbox(id))
            #expect(row.status == "pending" && row.attempts == 0 && row.lease_until == nil)

            let old = try #require(try await store.claim(now: t0, limit: 5, leaseSeconds: 120, maxAttempts: 8, channels: [.email]).first)
            let new = try #require(try await store.claim(now: t0 + 200, limit: 5, leaseSeconds: 120, maxAttempts: 8, channels: [.email]).first)
            #expect(new.attempts == 2 && new.leaseUntil == t0 + 320)
            try await store.markSent(old, now: t0 + 201)
            row = try #require(try await t.outbox(id))
            #expect(row.status == "sending" && row.lease_until == t0 + 320, "the first worker lost its claim and changes nothing")
            try await store.markSent(new, now: t0 + 202)
            #expect(try await t.outbox(id)?.sent_at == t0 + 202)
        }
    }

    @Test("a channel switched off (transport none) keeps its messages pending")
    func channelOff() async throws {
        var config = NotificationConfig()
        config.email.transport = .none
        let t = try await TestHost.make(modules: [], notifications: config)
        try await t.using {
            let mail = try await t.enqueue(.mail(to: "a@example.com"))
            let note = try await t.enqueue(OutboxMessage(channel: .internal, recipient: "member:1", subject: "s", body: "b", module: "notice"))
            #expect(try await t.host.outboxWorker().runOnce(now: Clock.now() + 10) == OutboxWorker.Pass(claimed: 1, sent: 1))
            #expect(try await t.outbox(mail)?.status == "pending")
            #expect(try await t.outbox(note)?.status == "sent")
        }
    }
}
