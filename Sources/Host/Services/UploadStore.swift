import Foundation

/// Stores uploaded images under `data/uploads/` with generated names, recognising the type by content.
struct UploadStore: Sendable {
    let directory: String
    static let maxBytes = 2 * 1024 * 1024

    enum ImageType: String, Sendable {
        case jpeg = "jpg", png = "png", webp = "webp"
        var contentType: String {
            switch self {
            case .jpeg: "image/jpeg"
            case .png: "image/png"
            case .webp: "image/webp"
            }
        }
    }

    enum Problem: Error, Equatable { case tooLarge, notAnImage, empty }

    /// The image type of `bytes` from its signature, ignoring any name or declared type.
    static func sniff(_ bytes: [UInt8]) -> ImageType? {
        if bytes.count >= 3, bytes[0] == 0xFF, bytes[1] == 0xD8, bytes[2] == 0xFF { return .jpeg }
        if bytes.count >= 8, bytes[0..<8].elementsEqual([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) { return .png }
        if bytes.count >= 12, bytes[0..<4].elementsEqual(Array("RIFF".utf8)), bytes[8..<12].elementsEqual(Array("WEBP".utf8)) { return .webp }
        return nil
    }

    /// The bytes to store for an upload: recognised by content and stripped of metadata (Exif with its GPS position, XMP, comments …).
    static func clean(_ bytes: [UInt8]) throws -> (bytes: [UInt8], type: ImageType) {
        guard !bytes.isEmpty else { throw Problem.empty }
        guard bytes.count <= maxBytes else { throw Problem.tooLarge }
        guard let type = sniff(bytes), let stripped = try? ImageMetadata.strip(bytes, as: type) else { throw Problem.notAnImage }
        return (stripped, type)
    }

    /// Whether `bytes` would be stored: a well-formed JPEG, PNG or WebP of at most `maxBytes`.
    static func isImage(_ bytes: [UInt8]) -> Bool { (try? clean(bytes)) != nil }

    /// Saves an image without its metadata; returns the generated file name.
    func saveImage(_ bytes: [UInt8]) throws -> String {
        let (stripped, type) = try Self.clean(bytes)
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let name = Tokens.digest(Tokens.random()).prefix(32) + "." + type.rawValue
        try Data(stripped).write(to: URL(fileURLWithPath: directory).appendingPathComponent(String(name)), options: .atomic)
        return String(name)
    }

    /// Whether `name` has the shape of a generated name (so it can never reach outside the directory).
    static func isGenerated(_ name: String) -> Bool {
        name.range(of: "^[0-9a-f]{32}\\.(jpg|png|webp)$", options: .regularExpression) != nil
    }

    /// The file name in a URL path `/uploads/<name>` (or a bare name); nil for anything this store did not generate.
    static func name(fromPath path: String) -> String? {
        let name = path.hasPrefix("/uploads/") ? String(path.dropFirst("/uploads/".count)) : path
        return isGenerated(name) ? name : nil
    }

    /// Removes a stored file; a missing file is not an error.
    func delete(_ name: String) {
        guard Self.isGenerated(name) else { return }
        try? FileManager.default.removeItem(atPath: (directory as NSString).appendingPathComponent(name))
    }

    /// The bytes and type of a stored image; nil for names this store never generates.
    func load(_ name: String) -> (Data, ImageType)? {
        guard Self.isGenerated(name),
              let data = FileManager.default.contents(atPath: (directory as NSString).appendingPathComponent(name)),
              let type = Self.sniff(Array(data.prefix(16))) else { return nil }
        return (data, type)
    }
}
