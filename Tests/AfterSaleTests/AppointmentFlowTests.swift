import Foundation
import HostTesting
import PluginAPI
import SQLKit
import Testing
@testable import AfterSale

@Suite("appointment flow: every step from every state")
struct AppointmentFlowTests {
    /// The flow as the manual draws it: (step, from) → to; every other pair is refused.
    static let allowed: [String: String] = [
        "approve/pending": "approved", "reject/pending": "rejected", "cancel/pending": "cancelled",
        "start/approved": "in_progress", "cancel/approved": "cancelled",
        "complete/in_progress": "completed", "cancel/in_progress": "cancelled",
        "evaluate/completed": "evaluated",
    ]

    @Test("each of the 6 steps from each of the 7 states leads where the flow says, or is refused")
    func matrix() {
        for action in AppointmentFlow.Action.allCases {
            for status in Appointment.statuses {
                #expect(AppointmentFlow.target(of: action, from: status) == Self.allowed["\(action.rawValue)/\(status)"], "\(action) from \(status)")
            }
        }
    }

    @Test("a step refused by the state changes nothing over HTTP: complete before start, evaluate before completion, start after cancel")
    func refusedOverHTTP() async throws {
        let team = try await AfterSaleTeam.make()
        let (a, b) = try await AppointmentTests.pair(team)
        try await team.t.test { client in
            var hna = try await Browser.login(client, "hna"), mgra = try await Browser.login(client, "mgra")
            let id = try await AppointmentTests.create(team, &hna, a: a, b: b)
            _ = try await mgra.post("/m/aftersale/appointments/\(id)/approve")
            #expect(try await hna.post("/m/aftersale/appointments/\(id)/complete").status == .conflict)
            let early = try await hna.post("/m/aftersale/appointments/\(id)/evaluate",
                                           form: ["result_a": "continue", "rating_a": "5", "result_b": "stop", "rating_b": "3"])
            #expect(early.status == .conflict)
            #expect(try await mgra.post("/m/aftersale/appointments/\(id)/reject", form: ["reason": "late"]).status == .conflict)
            #expect(try await hna.post("/m/aftersale/appointments/\(id)/cancel", form: ["reason": "客户生病"]).status == .seeOther)
            #expect(try await hna.post("/m/aftersale/appointments/\(id)/start").status == .conflict)
            #expect(try await AppointmentTests.status(team, id) == "cancelled")
            #expect(try await team.t.count("aftersale_appointment_step", where: "appointment_id", id) == 3)
        }
    }

    @Test("two reviewers approving at once: one approval, one step, one set of notifications")
    func concurrentApproval() async throws {
        let team = try await AfterSaleTeam.make()
        let (a, b) = try await AppointmentTests.pair(team)
        try await team.t.test { client in
            var hna = try await Browser.login(client, "hna")
            let id = try await AppointmentTests.create(team, &hna, a: a, b: b)
            let gm = try await Browser.login(client, "gm"), mgra = try await Browser.login(client, "mgra")
            async let first: Browser.Page = { var g = gm; return try await g.post("/m/aftersale/appointments/\(id)/approve") }()
            async let second: Browser.Page = { var m = mgra; return try await m.post("/m/aftersale/appointments/\(id)/approve") }()
            let statuses = [try await first.status, try await second.status]
            #expect(statuses.filter { $0 == .seeOther }.count == 1 && statuses.filter { $0 == .conflict }.count == 1)
            #expect(try await team.t.count("aftersale_appointment_step", where: "to_status", "approved") == 1)
            #expect(try await team.t.count("core_outbox") == 4)
        }
    }
}
