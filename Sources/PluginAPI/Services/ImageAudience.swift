/// Who may fetch an image a module stores with `HostServices.storeImage`.
public enum ImageAudience: Sendable, Equatable {
    /// An image the public site shows (the agency logo, branding): anyone may fetch it at its `/uploads/…` URL.
    case publicSite
    /// An image private to the module's records (a member photo): never served at its `/uploads/…` URL; the module serves it
    /// from its own route, after its own permission and visibility check, with `HostServices.loadImage`.
    case module
}

/// A stored image read back with `HostServices.loadImage`.
public struct StoredImage: Sendable, Equatable {
    /// The file's bytes (already stripped of metadata when it was stored).
    public var data: [UInt8]
    /// Its MIME type, recognised by content: `image/jpeg`, `image/png` or `image/webp`.
    public var contentType: String

    /// Creates a stored image.
    public init(data: [UInt8], contentType: String) {
        self.data = data
        self.contentType = contentType
    }
}
