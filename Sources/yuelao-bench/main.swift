import Foundation
import Host
import Members
import PreSale
import PluginAPI
import Settings

// In-process benchmark of the member search (query + capped count), as `scripts/bench` runs it:
//   yuelao-bench <modules.yaml> <login> <iterations> <query-string>
let args = CommandLine.arguments
guard args.count >= 5, let iterations = Int(args[3]) else {
    FileHandle.standardError.write(Data("usage: yuelao-bench <modules.yaml> <login> <iterations> <query>\n".utf8))
    exit(2)
}
let modules: [any Module] = [SettingsModule(), MembersModule(), PreSaleModule()]
let config = try ConfigLoader(available: modules).load(path: args[1])
let host = try YuelaoHost(config: config, available: modules)
let request = try await host.request(as: args[2], module: "members", query: args[4])
var timings: [Double] = []
var last = (total: 0, capped: false, ids: [Int64]())
for _ in 0..<iterations {
    let start = ContinuousClock.now
    last = try await MemberQueries.searchPage(request)
    let elapsed = ContinuousClock.now - start
    timings.append(Double(elapsed.components.attoseconds) / 1e15 + Double(elapsed.components.seconds) * 1000)
}
let sorted = timings.sorted()
let p50 = sorted[min(sorted.count - 1, sorted.count / 2)]
let p99 = sorted[min(sorted.count - 1, Int(Double(sorted.count) * 0.99))]
print(String(format: "member search in-process: %d runs, p50 %.2f ms, p99 %.2f ms; count %@%@, page %d rows",
             iterations, p50, p99, String(last.total), last.capped ? "+" : "", last.ids.count))
await host.shutdown()
