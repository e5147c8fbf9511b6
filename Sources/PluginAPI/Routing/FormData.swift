/// An uploaded file of a multipart form.
public struct UploadedFile: Sendable, Equatable {
    /// The name the browser sent (never used to store the file).
    public var filename: String
    /// The declared content type (never trusted; check the bytes).
    public var contentType: String
    /// The content.
    public var bytes: [UInt8]

    /// Creates an uploaded file.
    public init(filename: String, contentType: String, bytes: [UInt8]) {
        self.filename = filename
        self.contentType = contentType
        self.bytes = bytes
    }
}

/// Name → values of a query string or a submitted form, plus uploaded files.
public struct FormData: Sendable, Equatable {
    /// All values of each field, in order.
    public var fields: [String: [String]]
    /// Uploaded files by field name.
    public var files: [String: UploadedFile]

    /// Creates form data.
    public init(fields: [String: [String]] = [:], files: [String: UploadedFile] = [:]) {
        self.fields = fields
        self.files = files
    }

    /// The first value of `name`, trimmed of surrounding whitespace; "" when absent.
    public subscript(_ name: String) -> String {
        (fields[name]?.first ?? "").trimmedSpace
    }

    /// All non-empty values of `name`.
    public func all(_ name: String) -> [String] {
        (fields[name] ?? []).filter { !$0.isEmpty }
    }

    /// The first value as an integer, if it parses.
    public func int(_ name: String) -> Int? { Int(self[name]) }

    /// Whether a checkbox named `name` was ticked.
    public func bool(_ name: String) -> Bool {
        ["1", "on", "true", "yes"].contains(self[name].lowercased())
    }

    /// Parses `application/x-www-form-urlencoded` text (also a query string).
    public static func parse(urlEncoded text: Substring) -> FormData {
        var fields: [String: [String]] = [:]
        for pair in text.split(separator: "&", omittingEmptySubsequences: true) {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let name = decode(parts[0])
            let value = parts.count > 1 ? decode(parts[1]) : ""
            guard !name.isEmpty else { continue }
            fields[name, default: []].append(value)
        }
        return FormData(fields: fields)
    }

    private static func decode(_ s: Substring) -> String {
        let spaced = s.replacingOccurrences(of: "+", with: " ")
        return spaced.removingPercentEncoding ?? spaced
    }
}

import Foundation
