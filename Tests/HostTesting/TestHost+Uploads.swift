import Foundation

extension TestHost {
    /// The directory the host stores uploads in.
    public var uploadsDirectory: String { (host.config.dataDirectory as NSString).appendingPathComponent("uploads") }

    /// The names of the stored upload files, sorted.
    public func uploadedFiles() -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: uploadsDirectory)) ?? []).sorted()
    }

    /// The bytes of the stored upload `name`, nil when there is no such file.
    public func uploadedBytes(_ name: String) -> [UInt8]? {
        FileManager.default.contents(atPath: (uploadsDirectory as NSString).appendingPathComponent(name)).map(Array.init)
    }
}
