import Foundation
import MultipartKit
import NIOCore
import PluginAPI

/// Parses `multipart/form-data` bodies into `FormData` with MultipartKit's parser.
enum MultipartForm {
    static func boundary(of contentType: String) -> String? {
        for part in contentType.split(separator: ";") {
            let trimmed = part.trimmingCharacters(in: .whitespaces)
            if trimmed.lowercased().hasPrefix("boundary=") {
                return String(trimmed.dropFirst("boundary=".count)).trimmingCharacters(in: CharacterSet(charactersIn: "\""))
            }
        }
        return nil
    }

    static func parse(_ body: ByteBuffer, boundary: String) throws -> FormData {
        final class Collector {
            var headers: [String: String] = [:]
            var bytes: [UInt8] = []
            var form = FormData()
        }
        let collector = Collector()
        let parser = MultipartParser(boundary: boundary)
        parser.onHeader = { name, value in collector.headers[name.lowercased()] = value }
        parser.onBody = { buffer in collector.bytes += buffer.readBytes(length: buffer.readableBytes) ?? [] }
        parser.onPartComplete = {
            let disposition = collector.headers["content-disposition"] ?? ""
            let name = attribute("name", in: disposition) ?? ""
            if !name.isEmpty {
                if let filename = attribute("filename", in: disposition) {
                    if !filename.isEmpty || !collector.bytes.isEmpty {
                        collector.form.files[name] = UploadedFile(filename: filename,
                                                                  contentType: collector.headers["content-type"] ?? "application/octet-stream",
                                                                  bytes: collector.bytes)
                    }
                } else {
                    collector.form.fields[name, default: []].append(String(decoding: collector.bytes, as: UTF8.self))
                }
            }
            collector.headers = [:]
            collector.bytes = []
        }
        try parser.execute(body)
        return collector.form
    }

    private static func attribute(_ key: String, in header: String) -> String? {
        for part in header.split(separator: ";") {
            let trimmed = part.trimmingCharacters(in: .whitespaces)
            if trimmed.hasPrefix("\(key)=") {
                return String(trimmed.dropFirst(key.count + 1)).trimmingCharacters(in: CharacterSet(charactersIn: "\""))
            }
        }
        return nil
    }
}
