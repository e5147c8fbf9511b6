import Members
import PluginAPI

/// Notifications to both sides of an appointment, queued in the notification outbox inside the step's transaction.
enum AppointmentNotice {
    /// What happened, for the message text.
    enum Occasion: String, Sendable { case approved, cancelled }

    /// Queues one message per chosen channel to each side that has an address for it; returns how many were queued.
    static func queue(_ occasion: Occasion, _ appointment: Appointment, a: MemberRecord, b: MemberRecord, timeZone: String,
                      tx: Transaction) async throws -> Int {
        let when = AgencyTime.format(appointment.meet_at, timeZone: timeZone)
        var queued = 0
        for (member, other) in [(a, b), (b, a)] {
            let subject = occasion == .approved ? "约见安排通知" : "约见取消通知"
            let body = occasion == .approved
                ? "\(member.username)，您好：您与会员 \(other.username) 的约见已安排在 \(when)，地点：\(appointment.place)。如有变动请联系您的红娘。"
                : "\(member.username)，您好：您与会员 \(other.username) 原定于 \(when) 的约见已取消。原因：\(appointment.reason)"
            for channel in appointment.channels {
                let recipient = MemberDirectory.address(of: member, on: channel)
                guard !recipient.isEmpty else { continue }
                _ = try await tx.enqueue(OutboxMessage(channel: channel, recipient: recipient, subject: subject, body: body, module: "aftersale",
                                                       reference: "appointment:\(appointment.id)"))
                queued += 1
            }
        }
        return queued
    }
}
