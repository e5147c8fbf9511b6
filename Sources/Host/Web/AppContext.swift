import Hummingbird
import NIOCore

/// The request context of the host: Hummingbird's core storage plus the client address.
public struct AppContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    /// The client's IP address, "" when unknown (in-process tests).
    public let remoteAddress: String

    public init(source: ApplicationRequestContextSource) {
        self.coreContext = .init(source: source)
        self.remoteAddress = source.channel.remoteAddress?.ipAddress ?? ""
    }

    /// Uploads up to 4 MiB (avatars are limited further by their own rule).
    public var maxUploadSize: Int { 4 * 1024 * 1024 }
}
