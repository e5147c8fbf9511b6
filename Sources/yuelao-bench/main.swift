import Foundation
import AfterSale
import Consult
import Contracts
import DeclarativeModules
import Finance
import Host
import Members
import PluginAPI
import PreSale
import Settings
import SQLKit

// In-process benchmarks, as `scripts/bench` runs them:
//   yuelao-bench <modules.yaml> <login> <iterations> <query-string>      member search (query + capped count)
//   yuelao-bench page <modules.yaml> <login> <iterations> <path[?query]>  a whole page handler (kernel check included)
//   yuelao-bench widgets <modules.yaml> <login> <iterations>             every dashboard widget the user sees, uncached
//   yuelao-bench mass <modules.yaml> <login> <iterations> <query-string> a mass site message to a search, made and queued
let usage = "usage: yuelao-bench [page|widgets|mass] <modules.yaml> <login> <iterations> [<query>|<path>]\n"
var args = Array(CommandLine.arguments.dropFirst())
let mode = ["page", "widgets", "mass"].contains(args.first ?? "") ? args.removeFirst() : "search"
guard args.count >= 3, let iterations = Int(args[2]), mode == "widgets" || args.count >= 4 else {
    FileHandle.standardError.write(Data(usage.utf8))
    exit(2)
}
let compiled: [any Module] = [SettingsModule(), MembersModule(), PreSaleModule(), ContractsModule(), FinanceModule(), ConsultModule(), AfterSaleModule()]
let modules = compiled + (try DeclarativeModuleSource.modules(configDirectory: (args[0] as NSString).deletingLastPathComponent, compiled: compiled))
let config = try ConfigLoader(available: modules).load(path: args[0])
let host = try YuelaoHost(config: config, available: modules)

/// Runs `body` `iterations` times; returns p50 and p99 in milliseconds.
func measure(_ body: () async throws -> Void) async throws -> (p50: Double, p99: Double) {
    var timings: [Double] = []
    for _ in 0..<iterations {
        let start = ContinuousClock.now
        try await body()
        let elapsed = ContinuousClock.now - start
        timings.append(Double(elapsed.components.attoseconds) / 1e15 + Double(elapsed.components.seconds) * 1000)
    }
    let sorted = timings.sorted()
    return (sorted[min(sorted.count - 1, sorted.count / 2)], sorted[min(sorted.count - 1, Int(Double(sorted.count) * 0.99))])
}

switch mode {
case "page":
    let parts = args[3].split(separator: "?", maxSplits: 1).map(String.init)
    var bytes = 0
    let (p50, p99) = try await measure {
        if case .page(let page, _) = try await host.page(as: args[1], path: parts[0], query: parts.count > 1 ? parts[1] : "") {
            bytes = page.body.raw.utf8.count
        }
    }
    print(String(format: "page %@ in-process as %@: %d runs, p50 %.2f ms, p99 %.2f ms; body %d bytes", args[3], args[1], iterations, p50, p99, bytes))
case "widgets":
    var count = 0
    let (p50, p99) = try await measure { count = try await host.renderWidgets(as: args[1]) }
    print(String(format: "dashboard widgets in-process as %@: %d widgets, %d runs, p50 %.2f ms, p99 %.2f ms", args[1], count, iterations, p50, p99))
    for module in host.modules {
        for widget in module.widgets {
            let req = try await host.request(as: args[1], module: module.id, path: "/")
            guard req.access.isGranted(widget.resource, widget.action) else { continue }
            let (w50, w99) = try await measure { _ = try await widget.render(req) }
            print(String(format: "  %@.%@: p50 %.2f ms, p99 %.2f ms", module.id, widget.id, w50, w99))
        }
    }
case "mass":
    // The send as the form posts it (stored with its recipients, audited), then the background job's passes until every
    // message is in the outbox; each run's outbox rows are removed again afterwards (outside the timing).
    let fields: [String: [String]] = ["channel": ["internal"], "subject": ["活动通知"], "body": ["{name}（UID {uid}）您好：{matchmaker} 邀请您参加{agency}的周末活动。"],
                                 "selection": ["q:" + args[3]]]
    var made = 0.0, queued = 0.0, count = 0
    for _ in 0..<iterations {
        let last: Int64?? = try await host.database.sql.select().column(SQLFunction("MAX", args: SQLColumn("id")), as: "n").from("core_outbox")
            .first(decodingColumn: "n", as: Int64?.self)
        let before: Int64 = (last ?? nil) ?? 0
        let start = ContinuousClock.now
        // Each run is a new confirmation (its own token).
        _ = try await host.page(as: args[1], path: "/m/members/mass", method: .post, form: FormData(fields: fields.merging(["token": [UUID().uuidString]]) { a, _ in a }))
        let sent = ContinuousClock.now
        // Passes until the send is done (each pass queues at most MassMessageJob's batches per pass).
        var waiting = 0
        repeat {
            try await host.runJobsOnce("members")
            waiting = try await host.database.sql.select().column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n").from("members_mass_recipient")
                .first(decodingColumn: "n", as: Int.self) ?? 0
        } while waiting > 0
        let end = ContinuousClock.now
        made += Double((sent - start).components.attoseconds) / 1e18 + Double((sent - start).components.seconds)
        queued += Double((end - sent).components.attoseconds) / 1e18 + Double((end - sent).components.seconds)
        count = try await host.database.sql.select().column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n").from("core_outbox")
            .where("id", .greaterThan, before).first(decodingColumn: "n", as: Int.self) ?? 0
        try await host.database.sql.delete(from: "core_outbox").where("id", .greaterThan, before).run()
    }
    print(String(format: "mass send in-process as %@ to '%@': %d messages queued; request (send + recipients) %.2f s, queueing %.2f s, total %.2f s (mean of %d)",
                 args[1], args[3], count, made / Double(iterations), queued / Double(iterations), (made + queued) / Double(iterations), iterations))
default:
    let request = try await host.request(as: args[1], module: "members", query: args[3])
    var last = (total: 0, capped: false, ids: [Int64]())
    let (p50, p99) = try await measure { last = try await MemberQueries.searchPage(request) }
    print(String(format: "member search in-process: %d runs, p50 %.2f ms, p99 %.2f ms; count %@%@, page %d rows",
                 iterations, p50, p99, String(last.total), last.capped ? "+" : "", last.ids.count))
}
await host.shutdown()
