import ArgumentParser
import Hummingbird

/// The benchmark's yardstick: a bare Hummingbird "hello" route, no middleware, no database.
struct HelloCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "bench-hello", abstract: "Serve a bare hello route (the benchmark's reference).",
                                                    shouldDisplay: false)
    @Option var port: Int = 18081

    func run() async throws {
        let router = Router()
        router.get("/hello") { _, _ in "hello" }
        let app = Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: port)))
        try await app.runService()
    }
}
