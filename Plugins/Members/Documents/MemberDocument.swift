import Foundation
import PluginAPI
import SQLKit

/// A file attached to a member (ID scan, certificate): its bytes live in `members_document.content`, so a document is
/// written, and deleted with its member (foreign key, cascade), in the same transaction as the change it belongs to.
struct MemberDocument: Decodable, Sendable {
    let id: Int64
    let member_id: Int64
    let category: String
    let filename: String
    let kind: String
    let size: Int
    let uploaded_by: Int64
    let uploaded_at: Int64

    static let table = "members_document"
    /// Every column but the content, for lists.
    static let columns = ["id", "member_id", "category", "filename", "kind", "size", "uploaded_by", "uploaded_at"]
    /// What a document is, in the order the upload form offers it (labels are `document.category.<code>`).
    static let categories = ["id_card", "education", "income", "property", "marital", "other"]
    /// The largest file accepted (the request body itself is limited to 4 MiB by the host).
    static let maxSize = 3 * 1024 * 1024

    /// The document `id` of member `member`, nil when there is none.
    static func find(_ id: Int64, member: Int64, db: any SQLDatabase) async throws -> MemberDocument? {
        try await db.select().columns(columns.map { SQLColumn($0) }).from(table)
            .where("id", .equal, id).where("member_id", .equal, member).first(decoding: MemberDocument.self)
    }

    /// The stored bytes of document `id`.
    static func content(_ id: Int64, db: any SQLDatabase) async throws -> Data? {
        try await db.select().column("content").from(table).where("id", .equal, id).first(decodingColumn: "content", as: Data.self)
    }

    /// The kind of file the bytes are, judged by their content alone (the browser's name and type are not believed).
    enum Kind: String, CaseIterable {
        case pdf, jpeg, png

        init?(sniffing bytes: [UInt8]) {
            func starts(_ prefix: [UInt8]) -> Bool { bytes.count >= prefix.count && Array(bytes.prefix(prefix.count)) == prefix }
            if starts(Array("%PDF-".utf8)) { self = .pdf }
            else if starts([0xFF, 0xD8, 0xFF]) { self = .jpeg }
            else if starts([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) { self = .png }
            else { return nil }
        }

        var contentType: String {
            switch self {
            case .pdf: "application/pdf"
            case .jpeg: "image/jpeg"
            case .png: "image/png"
            }
        }

        var fileExtensions: [String] { self == .jpeg ? ["jpg", "jpeg"] : [rawValue] }
    }

    /// The name a document is stored and downloaded under: the last path component of the browser's name without control
    /// characters, at most 100 characters, ending in an extension of its real kind.
    static func storedName(_ name: String, kind: Kind) -> String {
        let last = name.split(whereSeparator: { $0 == "/" || $0 == "\\" }).last.map(String.init) ?? ""
        var clean = String(last.unicodeScalars.filter { !CharacterSet.controlCharacters.contains($0) }.map(Character.init))
            .trimmingCharacters(in: .whitespaces)
        if clean.count > 100 { clean = String(clean.suffix(100)) }
        let ext = clean.split(separator: ".").count > 1 ? clean.split(separator: ".").last.map { $0.lowercased() } ?? "" : ""
        if clean.isEmpty { clean = "document" }
        return kind.fileExtensions.contains(ext) ? clean : "\(clean).\(kind.fileExtensions[0])"
    }
}
