import PluginAPI
import SQLKit

/// One appointment (约见) between member A (the client) and member B, owned by the responsible matchmaker.
struct Appointment: Sendable, Decodable, Equatable {
    var id: Int64
    var member_a: Int64
    var member_b: Int64
    var owner_id: Int64
    var kind: String
    var meet_at: Int64
    var place: String
    var remark: String
    var opinion_a: String
    var opinion_b: String
    var notify: String
    var status: String
    var reason: String
    var result_a: String
    var result_b: String
    var rating_a: Int?
    var rating_b: Int?
    var comment_a: String
    var comment_b: String
    var created_at: Int64

    static let columns = ["id", "member_a", "member_b", "owner_id", "kind", "meet_at", "place", "remark", "opinion_a", "opinion_b", "notify",
                          "status", "reason", "result_a", "result_b", "rating_a", "rating_b", "comment_a", "comment_b", "created_at"]

    /// Each side's opinion of meeting.
    static let opinions = ["pending", "agree", "decline"]
    /// Each side's result after the meeting.
    static let results = ["continue", "stop", "undecided"]
    /// The states, in the order of the flow, then the two ends off it.
    static let statuses = ["pending", "approved", "in_progress", "completed", "evaluated", "rejected", "cancelled"]

    /// The notification channels chosen for this appointment.
    var channels: [OutboxChannel] { notify.split(separator: ",").compactMap { OutboxChannel(rawValue: String($0)) } }

    static func find(_ id: Int64, db: any SQLDatabase) async throws -> Appointment? {
        try await db.select().columns(columns.map { SQLColumn($0) }).from("aftersale_appointment").where("id", .equal, id)
            .first(decoding: Appointment.self)
    }
}
