extension YuelaoHost {
    /// The outbox worker with the transports and timing of `modules.yaml`'s `notifications:` block.
    func outboxWorker() -> OutboxWorker {
        outboxWorker(transports: OutboxTransports(config: config.notifications, database: database, logger: logger))
    }

    /// The outbox worker with chosen transports (tests swap one in).
    func outboxWorker(transports: OutboxTransports) -> OutboxWorker {
        OutboxWorker(store: OutboxStore(database: database), transports: transports, settings: config.notifications.worker, logger: logger)
    }
}
