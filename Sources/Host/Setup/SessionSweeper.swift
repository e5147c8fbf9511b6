import ServiceLifecycle

/// Deletes expired sessions every few minutes while the host runs, and refreshes the planner's statistics; a graceful
/// shutdown ends its wait at once.
struct SessionSweeper: Service {
    let host: YuelaoHost

    func run() async throws {
        while !Task.isCancelled, !Task.isShuttingDownGracefully {
            do {
                let site = try await host.siteService.all()
                try await host.sessions.sweep(idleSeconds: Int64(site.int("session.idle_minutes", in: 1...1440)) * 60,
                                              absoluteSeconds: Int64(site.int("session.absolute_hours", in: 1...720)) * 3600)
                await host.database.refreshStatistics()   // cheap unless a table grew tenfold since it was last analysed
            } catch {
                host.logger.warning("session sweep failed", metadata: ["error": .string("\(error)")])
            }
            try? await cancelWhenGracefulShutdown { try await Task.sleep(for: .seconds(300)) }
        }
    }
}
