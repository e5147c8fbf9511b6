import Logging
import PluginAPI
import ServiceLifecycle

/// Sends what the outbox holds: every few seconds it claims a batch of due messages and hands each to its channel's
/// transport, recording the outcome. A service of the application's `ServiceGroup`, like `SessionSweeper`.
///
/// On a graceful shutdown it finishes the message in hand and gives the rest of the batch back. If the process dies
/// mid-send instead, the claimed rows stay `sending` until their lease runs out, and then any worker sends them.
struct OutboxWorker: Service {
    let store: OutboxStore
    let transports: OutboxTransports
    let settings: NotificationConfig.Worker
    let logger: Logger

    /// What one pass did.
    struct Pass: Sendable, Equatable {
        var claimed = 0
        var sent = 0
        /// Failed and scheduled again.
        var retrying = 0
        /// Failed for good (permanent error or no attempt left).
        var failed = 0
        /// Given back unsent (shutdown, or the batch took too long for its lease).
        var released = 0
    }

    func run() async throws {
        logger.info("outbox worker started", metadata: [
            "channels": .string(transports.channels.map(\.rawValue).joined(separator: ",")),
            "interval_seconds": .stringConvertible(settings.intervalSeconds),
        ])
        while !Task.isCancelled, !Task.isShuttingDownGracefully {
            do {
                let pass = try await runOnce(now: Clock.now())
                if pass.claimed > 0 {
                    logger.info("outbox pass", metadata: ["claimed": "\(pass.claimed)", "sent": "\(pass.sent)",
                                                         "retrying": "\(pass.retrying)", "failed": "\(pass.failed)"])
                }
            } catch {
                logger.warning("outbox pass failed", metadata: ["error": .string("\(error)")])
            }
            try? await cancelWhenGracefulShutdown { try await Task.sleep(for: .seconds(settings.intervalSeconds)) }
        }
    }

    /// One pass at time `now` (UTC seconds): claim, send, record. Tests call it with a chosen `now` to move time on.
    @discardableResult
    func runOnce(now: Int64) async throws -> Pass {
        let claimed = try await store.claim(now: now, limit: settings.batch, leaseSeconds: settings.leaseSeconds,
                                            maxAttempts: settings.maxAttempts, channels: transports.channels)
        var pass = Pass(claimed: claimed.count)
        let clock = ContinuousClock()
        let started = clock.now
        for (index, delivery) in claimed.enumerated() {
            // Stopping, or half the lease used up (the next send might outlive it): give the rest back for the next pass.
            if Task.isCancelled || Task.isShuttingDownGracefully || started.duration(to: clock.now) > .seconds(settings.leaseSeconds / 2) {
                for rest in claimed[index...] { try await store.release(rest) }
                pass.released += claimed.count - index
                break
            }
            guard let transport = transports.transport(for: delivery.message.channel) else {
                try await store.release(delivery)
                pass.released += 1
                continue
            }
            do {
                try await transport.send(delivery)
                try await store.markSent(delivery, now: now)
                pass.sent += 1
            } catch {
                let failure = OutboxSendError.from(error)
                let status = try await store.markFailed(delivery, error: failure.message, permanent: failure.isPermanent,
                                                        now: now, maxAttempts: settings.maxAttempts)
                logger.warning("outbox send failed", metadata: [
                    "outbox_id": "\(delivery.id)", "channel": .string(delivery.message.channel.rawValue),
                    "attempt": "\(delivery.attempts)", "status": .string(status.rawValue), "error": .string(failure.message),
                ])
                if status == .failed { pass.failed += 1 } else { pass.retrying += 1 }
            }
        }
        return pass
    }
}
