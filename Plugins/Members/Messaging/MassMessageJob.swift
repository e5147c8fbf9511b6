import Foundation
import PluginAPI
import SQLKit

/// Queues the messages of mass sends in the outbox, a batch of recipients per transaction: each batch's messages are
/// queued, its recipient rows removed and the send's progress counted in one transaction, so a process stopped halfway
/// leaves every recipient either queued once or still waiting. A send is claimed with a lease; a send whose lease ran out
/// (its process stopped) is taken up again by the next pass of any host.
enum MassMessageJob {
    static let batchSize = 500
    static let leaseSeconds: Int64 = 120

    struct Send: Decodable, Sendable {
        let id: Int64
        let channel: String
        let subject: String
        let body: String
        let created_by: Int64
        let lease_until: Int64
    }

    /// At most this many batches (100,000 recipients, a few seconds) per send and pass: the runner checks for a shutdown
    /// between passes.
    static let batchesPerPass = 200

    struct Recipient: Decodable, Sendable {
        let id: Int64
        let username: String
        let real_name: String?
        let email: String?
        let mobile: String?
        let owner_id: Int64?
        let opt_out: Int

        static let columns = ["id", "username", "real_name", "email", "mobile", "owner_id", "opt_out"]

        /// The message as this member gets it (placeholders filled), nil when they opted out or have no address on `channel`.
        func message(channel: OutboxChannel, subject: MessageText, body: MessageText, staff: [Int64: String], agency: String)
            -> (address: String, subject: String, body: String)? {
            let address = MemberDirectory.address(id: id, email: email, mobile: mobile, optOut: opt_out != 0, on: channel)
            guard !address.isEmpty else { return nil }
            let name = (real_name ?? "").isEmpty ? username : real_name ?? "", matchmaker = owner_id.flatMap { staff[$0] } ?? ""
            return (address, subject.filled(name: name, uid: id, matchmaker: matchmaker, agency: agency),
                    body.filled(name: name, uid: id, matchmaker: matchmaker, agency: agency))
        }
    }

    /// Works through every send that is waiting or was left by a stopped process; returns the number of messages queued.
    @discardableResult
    static func runOnce(_ host: any HostServices, now: @escaping @Sendable () -> Int64 = { Int64(Date().timeIntervalSince1970) }) async throws -> Int {
        let waiting = try await host.database.select().column("id").from("members_mass_send")
            .where("status", .in, ["queued", "running"]).where(available(now())).orderBy("id").limit(20)
            .all(decodingColumn: "id", as: Int64.self)
        var queued = 0
        for id in waiting {
            guard let send = try await claim(id, host: host, now: now()) else { continue }
            queued += try await work(send, host: host, now: now)
        }
        return queued
    }

    /// Not leased, or the lease ran out.
    static func available(_ now: Int64) -> any SQLExpression {
        SQLGroupExpression(SQLBinaryExpression(SQLBinaryExpression(SQLColumn("lease_until"), .is, SQLLiteral.null), .or,
                                               SQLBinaryExpression(SQLColumn("lease_until"), .lessThan, SQLBind(now))))
    }

    /// Leases send `id` to this pass unless another holds it; one conditional update, so two hosts never both take it.
    static func claim(_ id: Int64, host: any HostServices, now: Int64) async throws -> Send? {
        try await host.database.update("members_mass_send").set("status", to: "running").set("lease_until", to: now + leaseSeconds)
            .where("id", .equal, id).where("status", .in, ["queued", "running"]).where(available(now))
            .returning("id", "channel", "subject", "body", "created_by", "lease_until").first(decoding: Send.self)
    }

    static func work(_ send: Send, host: any HostServices, now: @escaping @Sendable () -> Int64) async throws -> Int {
        guard let channel = OutboxChannel(rawValue: send.channel) else { return 0 }
        let names = Dictionary(try await host.activeStaff().map { ($0.id, $0.name) }, uniquingKeysWith: { a, _ in a })   // no request here
        let agency = try await host.site.all().agencyName
        let subject = MessageText(send.subject), body = MessageText(send.body)
        var total = 0, lease = send.lease_until
        for _ in 0..<batchesPerPass where !Task.isCancelled {
            let held = lease
            let outcome = try await host.transaction(actorID: send.created_by) { tx -> (queued: Int, lease: Int64)? in
                // Still ours? Renewing the lease we hold (and nobody else's) also locks the send's row on PostgreSQL, so a
                // host that took the send over after our lease ran out and this pass never queue the same batch.
                let renewed = now() + leaseSeconds
                guard try await tx.db.update("members_mass_send").set("lease_until", to: renewed).where("id", .equal, send.id)
                    .where("lease_until", .equal, held).returning("id").first() != nil else { return nil }
                let ids = try await tx.db.select().column("member_id").from("members_mass_recipient").where("send_id", .equal, send.id)
                    .orderBy("member_id").limit(batchSize).all(decodingColumn: "member_id", as: Int64.self)
                guard !ids.isEmpty else {
                    try await tx.db.update("members_mass_send").set("status", to: "done").set("lease_until", to: SQLLiteral.null)
                        .set("finished_at", to: now()).where("id", .equal, send.id).run()
                    return (0, 0)
                }
                let members = try await tx.db.select().columns(Recipient.columns.map { SQLColumn($0) })
                    .from("members_member").where("id", .in, ids).orderBy("id").all(decoding: Recipient.self)
                var messages: [OutboxMessage] = []
                for member in members {
                    // Opted out or without an address since the send was made: left out, like at the start.
                    guard let message = member.message(channel: channel, subject: subject, body: body, staff: names, agency: agency) else { continue }
                    messages.append(OutboxMessage(channel: channel, recipient: message.address, subject: message.subject, body: message.body,
                                                  module: "members", reference: "mass:\(send.id):member:\(member.id)"))
                }
                try await tx.enqueue(all: messages)
                let queued = messages.count, skipped = members.count - messages.count
                try await tx.db.delete(from: "members_mass_recipient").where("send_id", .equal, send.id).where("member_id", .in, ids).run()
                try await tx.db.update("members_mass_send")
                    .set("queued", to: SQLBinaryExpression(SQLColumn("queued"), .add, SQLBind(queued)))
                    .set("skipped", to: SQLBinaryExpression(SQLColumn("skipped"), .add, SQLBind(skipped + ids.count - members.count)))
                    .where("id", .equal, send.id).run()
                return (queued, renewed)
            }
            // Lost the lease, or done.
            guard let outcome, outcome.lease != 0 else { break }
            total += outcome.queued
            lease = outcome.lease
        }
        // A pass that stopped after its batches gives the send back at once, for the next pass of any host.
        if lease != 0 {
            try await host.database.update("members_mass_send").set("lease_until", to: SQLLiteral.null).where("id", .equal, send.id)
                .where("lease_until", .equal, lease).run()
        }
        return total
    }
}
