/// CSV for spreadsheets: UTF-8 with a byte-order mark (Excel reads Chinese correctly), CRLF rows, quoted fields,
/// and formulas neutralised (a leading `= + - @` gets a `'`).
///
/// ```swift
/// var csv = CSVText(header: ["UID", "用户名"])
/// csv.append(["42", "小李"])
/// return .file(csv.data, contentType: CSVText.contentType, filename: "members.csv")
/// ```
public struct CSVText: Sendable {
    /// The document so far.
    public private(set) var text: String

    /// `text/csv; charset=utf-8`.
    public static let contentType = "text/csv; charset=utf-8"

    /// Starts a document with its header row.
    public init(header: [String]) {
        text = "\u{FEFF}"
        append(header)
    }

    /// Appends one row.
    public mutating func append(_ row: [String]) {
        text += row.map(Self.field).joined(separator: ",") + "\r\n"
    }

    /// The document as bytes.
    public var data: [UInt8] { Array(text.utf8) }

    /// One field, quoted when needed.
    public static func field(_ value: String) -> String {
        var v = value
        if let first = v.first, "=+-@".contains(first) { v = "'" + v }
        if v.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) { v = "\"" + v.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }
        return v
    }
}
