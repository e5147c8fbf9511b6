import Logging
import Metrics
import Synchronization

/// Denied decisions of the kernel on a logged-in request (403 without the grant, 404 without visibility of a record):
/// logged at warning level with user, route and record id — at most `perMinute` lines a minute per process, the rest
/// only counted — and counted in `/metrics` as `yuelao_denied_total{module,status}` (ASVS 7.1.3, 7.2.2).
final class DeniedDecisionLog: Sendable {
    let perMinute: Int
    private let window = Mutex<(minute: Int64, logged: Int, suppressed: Int)>((0, 0, 0))

    init(perMinute: Int = 60) {
        self.perMinute = perMinute
    }

    /// Records one denial; returns whether it was written to the log (false when the minute's quota is used).
    @discardableResult
    func record(status: Int, userID: Int64, login: String, module: String, route: String, recordID: String?,
                logger: Logger, now: Int64 = Clock.now()) -> Bool {
        Counter(label: "yuelao_denied_total", dimensions: [("module", module), ("status", String(status))]).increment()
        let minute = now / 60
        let (write, suppressed) = window.withLock { state -> (Bool, Int) in
            var earlier = 0
            if state.minute != minute { earlier = state.suppressed; state = (minute, 0, 0) }
            guard state.logged < perMinute else { state.suppressed += 1; return (false, 0) }
            state.logged += 1
            return (true, earlier)
        }
        guard write else { return false }
        var metadata: Logger.Metadata = ["user": "\(userID)", "login": "\(login)", "module": "\(module)", "route": "\(route)",
                                         "status": "\(status)"]
        if let recordID { metadata["record"] = "\(recordID)" }
        if suppressed > 0 { metadata["suppressed_last_minute"] = "\(suppressed)" }
        logger.warning("access denied", metadata: metadata)
        return true
    }
}
