import Foundation
import Host
import HostTesting
import Hummingbird
import HummingbirdTesting
import Logging
import Synchronization
import Testing

/// The request log (one info line per request) keeps what visitors type out of the log.
@Suite("request log")
struct RequestLogTests {
    /// Keeps every log event (level, message, metadata) for the test to read.
    struct Capture: LogHandler {
        final class Store: Sendable {
            let events = Mutex<[(Logger.Level, String, Logger.Metadata)]>([])
        }
        let store: Store
        var metadata: Logger.Metadata = [:]
        var logLevel: Logger.Level = .info
        subscript(metadataKey key: String) -> Logger.Metadata.Value? {
            get { metadata[key] }
            set { metadata[key] = newValue }
        }
        func log(event: LogEvent) {
            let merged = metadata.merging(event.metadata ?? [:]) { _, new in new }
            store.events.withLock { $0.append((event.level, event.message.description, merged)) }
        }
    }

    @Test("the request log records method, path, status and duration, never the query string")
    func pathWithoutQuery() async throws {
        let t = try await TestHost.make(modules: [])
        let store = Capture.Store()
        let logger = Logger(label: "test.requests") { _ in Capture(store: store) }
        let app = Application(router: t.host.buildRouter(), logger: logger)
        do {
            try await app.test(.router) { client in
                let response = try await client.executeRequest(uri: "/login?mobile=13912345678&next=%2Fq7s3cr3t", method: .get, headers: [:], body: nil)
                #expect(response.status == .ok)
            }
        } catch {
            await t.host.shutdown()
            throw error
        }
        await t.host.shutdown()
        let requests = store.events.withLock { $0 }.filter { $0.1 == "Request" }
        let line = try #require(requests.first)
        #expect(line.0 == .info)
        #expect(line.2["hb.request.path"]?.description == "/login" && line.2["hb.request.method"]?.description == "GET")
        #expect(line.2["hb.response.status"]?.description == "200" && line.2["duration_ms"] != nil)
        let everything = store.events.withLock { $0 }.map { "\($0.1) \($0.2)" }.joined(separator: "\n")
        #expect(!everything.contains("13912345678") && !everything.contains("q7s3cr3t"))
    }
}
