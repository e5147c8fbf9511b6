/// The kernel's answer to "may this actor do this?", mapped by the host to a status.
public enum Decision: Sendable, Equatable {
    /// Go ahead.
    case allowed
    /// The actor may know the thing exists but may not do this: HTTP 403.
    case forbidden
    /// The actor may not even know the thing exists (or its module is disabled): HTTP 404.
    case notFound
}
