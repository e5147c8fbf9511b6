import Foundation
@testable import Host
import HostTesting
import HummingbirdTesting
import Logging
import Testing

/// Denied decisions are logged (rate-limited) and counted (ASVS 7.1.3, 7.2.2).
@Suite("denied decisions: logged and counted")
struct DeniedDecisionLogTests {
    @Test("a logged-in user refused by the kernel is counted in /metrics per module and status")
    func countedInMetrics() async throws {
        let registry = ShellTests.metrics.registry   // bootstraps swift-metrics before the counter is made
        let t = try await TestHost.make(modules: [])
        try await t.staff("nobody", role: try await t.role("无权限"))
        try await t.test { client in
            var b = try await Browser.login(client, "nobody")
            #expect(try await b.get("/m/core/roles").status == .forbidden)
            let text = registry.emitToString()
            let line = text.split(separator: "\n").first { $0.hasPrefix("yuelao_denied_total{") && $0.contains("module=\"core\"") && $0.contains("status=\"403\"") }
            #expect(line != nil)
        }
    }

    @Test("at most perMinute denials a minute are written to the log; the next minute writes again")
    func rateLimited() {
        let log = DeniedDecisionLog(perMinute: 3)
        let logger = Logger(label: "test.denied")
        let written = (0..<5).map { _ in log.record(status: 404, userID: 1, login: "hn", module: "members", route: "GET /m/members/9",
                                                    recordID: "9", logger: logger, now: 6_000) }
        #expect(written == [true, true, true, false, false])
        #expect(log.record(status: 404, userID: 1, login: "hn", module: "members", route: "GET /m/members/9", recordID: "9",
                           logger: logger, now: 6_060))
    }
}
