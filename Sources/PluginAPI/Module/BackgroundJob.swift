/// Work a module does outside any request, every `interval` while the host serves (a mass send queueing its messages).
///
/// The host runs each enabled module's jobs one pass at a time; a pass that throws is logged and tried again after the
/// interval. A job keeps its progress in its own tables, so a pass cut short by a stopped process is finished by a later one
/// (in this process or another host's: claim the work with a lease).
///
/// ```swift
/// public var jobs: [BackgroundJob] {
///     [BackgroundJob("mass-send", every: .seconds(2)) { host in try await MassMessageJob.runOnce(host) }]
/// }
/// ```
public struct BackgroundJob: Sendable {
    /// A name for the log, unique within the module.
    public let name: String
    /// The pause between the end of one pass and the start of the next.
    public let interval: Duration
    /// One pass.
    public let run: @Sendable (any HostServices) async throws -> Void

    /// Creates a job.
    public init(_ name: String, every interval: Duration, run: @escaping @Sendable (any HostServices) async throws -> Void) {
        self.name = name
        self.interval = interval
        self.run = run
    }
}
