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

    /// Saves an image; returns the generated file name.
    func saveImage(_ bytes: [UInt8]) throws -> String {
        guard !bytes.isEmpty else { throw Problem.empty }
        guard bytes.count <= Self.maxBytes else { throw Problem.tooLarge }
        guard let type = Self.sniff(bytes) else { throw Problem.notAnImage }
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let name = Tokens.digest(Tokens.random()).prefix(32) + "." + type.rawValue
        try Data(bytes).write(to: URL(fileURLWithPath: directory).appendingPathComponent(String(name)), options: .atomic)
        return String(name)
    }

    /// The bytes and type of a stored image; nil for names this store never generates.
    func load(_ name: String) -> (Data, ImageType)? {
        guard name.range(of: "^[0-9a-f]{32}\\.(jpg|png|webp)$", options: .regularExpression) != nil,
              let data = FileManager.default.contents(atPath: (directory as NSString).appendingPathComponent(name)),
              let type = Self.sniff(Array(data.prefix(16))) else { return nil }
        return (data, type)
    }
}
