import PluginAPI
import SQLKit

/// The host's implementation of `HostServices`, shared by every request.
struct HostRuntime: HostServices {
    let db: Database
    let messages: MessageCatalog
    let siteService: SiteSettingsService
    let regionService: RegionService
    let audit: AuditLog
    let events: EventBus
    let uploads: UploadStore
    let kernel: KernelStore
    let clock: VersionClock
    let throttle: AttemptThrottle
    /// `modules.yaml` settings of the enabled modules.
    let moduleSettings: [String: ModuleSettings]
    /// Every enabled module's record panels, per slot, in module order.
    let recordPanels: [String: [(moduleID: String, panel: RecordPanel)]]
    let cache = ModuleCache()

    func panels(slot: String) -> [(moduleID: String, panel: RecordPanel)] { recordPanels[slot] ?? [] }

    var database: any SQLDatabase { db.sql }
    var site: any SiteSettingsStore { siteService }
    var regions: any RegionDirectory { regionService }

    func transaction<T: Sendable>(actorID: Int64?, _ body: @escaping @Sendable (Transaction) async throws -> T) async throws -> T {
        let events = self.events
        let audit = self.audit
        return try await db.transaction { sql in
            let tx = Transaction(db: sql, actorID: actorID,
                                 publisher: { event, tx in try await events.deliver(event, in: tx) },
                                 auditor: { entry, db in try await audit.write(entry, actorID: actorID, db: db) },
                                 enqueuer: { message, db in try await OutboxStore.enqueue(message, actorID: actorID, db: db, now: Clock.now()) },
                                 batchEnqueuer: { messages, db in try await OutboxStore.enqueue(all: messages, actorID: actorID, db: db, now: Clock.now()) })
            return try await body(tx)
        }
    }

    func storeImage(_ bytes: [UInt8], field: String, language: Language, audience: ImageAudience) async throws -> String {
        do {
            return "/uploads/" + (try await uploads.save(bytes, kind: UploadStore.Kind(audience), db: db.sql))
        } catch let problem as UploadStore.Problem {
            let key = problem == .tooLarge ? "core.staff.avatarTooLarge" : "core.staff.avatarNotImage"
            throw ModuleError.validation([field: messages.text(key, language)])
        }
    }

    func loadImage(_ path: String) -> StoredImage? {
        guard let name = UploadStore.name(fromPath: path), let (data, type) = uploads.load(name) else { return nil }
        return StoredImage(data: Array(data), contentType: type.contentType)
    }

    func discardImage(_ path: String, audience: ImageAudience) async {
        guard let name = UploadStore.name(fromPath: path) else { return }
        await uploads.discard(name, kind: UploadStore.Kind(audience), db: db.sql)
    }

    func settings(of moduleID: String) -> ModuleSettings { moduleSettings[moduleID] ?? ModuleSettings() }

    func isEnabled(_ moduleID: String) -> Bool { moduleSettings[moduleID] != nil }

    func checkSecurityPassword(userID: Int64, _ password: String) async throws -> SecretCheck {
        try await throttle.check("security:\(userID)", rule: .secret) {
            let hash = try await db.sql.select().column("security_password_hash").from("core_user").where("id", .equal, userID)
                .first(decodingColumn: "security_password_hash", as: String?.self) ?? nil
            // No security password set: nothing typed is right (the dummy hash keeps the timing alike).
            return try await Passwords.verify(password, hash: hash)
        }
    }

    func hashPassword(_ password: String) async throws -> String {
        try await Passwords.hash(password)
    }

    func activeStaff() async throws -> [StaffSummary] {
        let version = try await clock.current(db.sql)["kernel"] ?? 0
        return try await kernel.activeStaff(version: version, db: db.sql)
    }
}

/// Delivers events to the subscribers of the enabled modules, in the publisher's transaction.
struct EventBus: Sendable {
    let subscriptions: [String: [EventSubscription]]

    init(modules: [any Module]) {
        var map: [String: [EventSubscription]] = [:]
        for module in modules {
            for subscription in module.subscriptions { map[subscription.event, default: []].append(subscription) }
        }
        subscriptions = map
    }

    func deliver(_ event: Event, in tx: Transaction) async throws {
        for subscription in subscriptions[event.name] ?? [] {
            try await subscription.handler(event, tx)
        }
    }
}
