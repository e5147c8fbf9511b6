import Logging
import PluginAPI
import ServiceLifecycle

/// Runs every enabled module's background jobs (``BackgroundJob``), each in its own loop: one pass, then the job's interval.
/// A service of the application's `ServiceGroup`, like `OutboxWorker`; it stops between passes on a graceful shutdown.
struct ModuleJobRunner: Service {
    let host: YuelaoHost

    func run() async throws {
        let jobs = host.modules.flatMap { module in module.jobs.map { (module: module.id, job: $0) } }
        // A service that returns ends the whole group: with nothing to run, wait for the shutdown like the others.
        guard !jobs.isEmpty else { try? await gracefulShutdown(); return }
        let services = host.runtime, logger = host.logger
        await withTaskGroup(of: Void.self) { group in
            for (module, job) in jobs {
                group.addTask {
                    while !Task.isCancelled, !Task.isShuttingDownGracefully {
                        do {
                            try await job.run(services)
                        } catch {
                            logger.warning("background job failed", metadata: ["module": .string(module), "job": .string(job.name),
                                                                                "error": .string("\(error)")])
                        }
                        try? await cancelWhenGracefulShutdown { try await Task.sleep(for: job.interval) }
                    }
                }
            }
        }
    }
}

extension YuelaoHost {
    /// One pass of every background job of the enabled modules (or of module `moduleID`), in module order — what the
    /// running server does every interval; for the CLI, benchmarks and tests.
    public func runJobsOnce(_ moduleID: String? = nil) async throws {
        for module in modules where moduleID == nil || module.id == moduleID {
            for job in module.jobs { try await job.run(runtime) }
        }
    }
}
