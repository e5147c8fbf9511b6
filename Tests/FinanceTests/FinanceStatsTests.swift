import Foundation
import HostTesting
import PluginAPI
import SQLKit
import Testing

@Suite("finance statistics")
struct FinanceStatsTests {
    @Test("receipts in a date range, by month, matchmaker, payment kind and contract type are exact integer sums; CSV audited")
    func statistics() async throws {
        let team = try await FinanceTeam.make()
        try await team.t.test { client in
            var cashier = try await Browser.login(client, "cashier")
            func approveAll(_ contract: Int64) async throws {
                for p in try await team.payments(of: contract) where p.status == "pending" {
                    _ = try await cashier.post("/m/finance/payments/\(p.id)/review", form: ["decision": "approve", "security_password": "safe8888"])
                }
            }
            let a = try await team.approvedContract(client, login: "hna", number: "HT-A", total: "10000.01", first: "10000.01", kind: "full", paidOn: "2026-09-03")
            try await approveAll(a)
            let b = try await team.approvedContract(client, login: "hnb", number: "HT-B", total: "3000", first: "1000.10", kind: "deposit", paidOn: "2026-10-10")
            try await approveAll(b)
            let c = try await team.approvedContract(client, login: "hnb", number: "HT-C", total: "5000", first: "5000", kind: "full", paidOn: "2026-10-11")
            _ = c   // pending: not received
            let page = try await cashier.get("/m/finance/stats?from=2026-09-01&to=2026-10-31").text
            #expect(page.contains("¥11,000.11"))   // 10,000.01 + 1,000.10
            #expect(page.contains("<td>2026-09</td><td class=\"num\">10,000.01</td><td class=\"num\">1</td>"))
            #expect(page.contains("<td>2026-10</td><td class=\"num\">1,000.10</td><td class=\"num\">1</td>"))
            #expect(page.contains("<td>HNA</td><td class=\"num\">10,000.01</td>") && page.contains("<td>HNB</td><td class=\"num\">1,000.10</td>"))
            let september = try await cashier.get("/m/finance/stats?from=2026-09-01&to=2026-09-30").text
            #expect(september.contains("¥10,000.01") && !september.contains("1,000.10"))
            // Ranges cutting months: whole months come from the monthly sums, the edge days from the daily ones.
            #expect(try await cashier.get("/m/finance/stats?from=2026-09-02&to=2026-10-10").text.contains("¥11,000.11"))
            #expect(try await cashier.get("/m/finance/stats?from=2026-09-04&to=2026-10-09").text.contains("¥0.00"))
            #expect(try await cashier.get("/m/finance/stats?from=2026-10-10&to=2026-10-10").text.contains("¥1,000.10"))
            #expect(try await cashier.get("/m/finance/stats?from=2026-08-15&to=2026-09-30").text.contains("¥10,000.01"))
            let csv = try await cashier.get("/m/finance/stats.csv?from=2026-09-01&to=2026-10-31")
            #expect(csv.text.contains("区间收款合计,\"11,000.11\",2"))
            #expect(csv.text.contains("全款,\"10,000.01\",1") && csv.text.contains("定金,\"1,000.10\",1") && csv.text.contains("首次签约,\"11,000.11\",2"))
            #expect(try await team.t.auditRows(action: "statistics.export").count == 1)
            // A matchmaker without the statistics grant is refused.
            var hna = try await Browser.login(client, "hna")
            #expect(try await hna.get("/m/finance/stats").status == .forbidden)
        }
    }
}
