import Foundation

/// Builds the text of an e-mail as sent after SMTP `DATA`: RFC 5322 headers and a base64 UTF-8 plain-text body.
///
/// Every line is ASCII and ends in CRLF; a non-ASCII subject becomes RFC 2047 encoded words (`=?UTF-8?B?…?=`),
/// folded so no header line grows past 78 characters. Dot-stuffing belongs to the SMTP conversation (`dotStuffed`).
struct MailComposer: Sendable {
    /// The `From:` address.
    let from: String

    /// The message text for `delivery`, dated `date`.
    func compose(_ delivery: OutboxDelivery, date: Date) -> String {
        let message = delivery.message
        let headers = [
            "From: \(from)",
            "To: \(message.recipient)",
            "Subject: \(Self.subjectValue(message.subject))",
            "Date: \(Self.rfc5322(date))",
            "Message-ID: <outbox.\(delivery.id).\(delivery.createdAt)@\(Self.domain(of: from))>",
            "MIME-Version: 1.0",
            "Content-Type: text/plain; charset=utf-8",
            "Content-Transfer-Encoding: base64",
        ]
        return headers.joined(separator: "\r\n") + "\r\n\r\n" + Self.base64Body(message.body) + "\r\n"
    }

    /// The subject as a header value: plain printable ASCII as is, anything else as folded encoded words.
    static func subjectValue(_ subject: String) -> String {
        let flat = subject.replacingOccurrences(of: "\r\n", with: " ").replacingOccurrences(of: "\n", with: " ")
            .replacingOccurrences(of: "\r", with: " ")
        let plain = flat.unicodeScalars.allSatisfy { (0x20...0x7E).contains($0.value) }
        if plain, !flat.contains("=?"), flat.utf8.count <= 68 { return flat }
        return encodedWords(flat).joined(separator: "\r\n ")
    }

    /// RFC 2047 `B` encoded words of at most 39 UTF-8 bytes each (52 base64 characters, 64 with the markers, so even
    /// the first line `Subject: =?UTF-8?B?…?=` stays within 78), split between characters so no word holds half a character.
    static func encodedWords(_ text: String) -> [String] {
        var words: [String] = []
        var chunk: [UInt8] = []
        for character in text {
            let bytes = Array(String(character).utf8)
            if chunk.count + bytes.count > 39, !chunk.isEmpty {
                words.append(word(chunk))
                chunk = []
            }
            chunk += bytes
        }
        if !chunk.isEmpty || words.isEmpty { words.append(word(chunk)) }
        return words
    }

    private static func word(_ bytes: [UInt8]) -> String {
        "=?UTF-8?B?\(Data(bytes).base64EncodedString())?="
    }

    /// The body with CRLF line ends, base64-encoded in lines of 76 characters.
    static func base64Body(_ body: String) -> String {
        let canonical = body.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\n", with: "\r\n")
        let encoded = Data(canonical.utf8).base64EncodedString()
        var lines: [Substring] = []
        var rest = Substring(encoded)
        while !rest.isEmpty {
            lines.append(rest.prefix(76))
            rest = rest.dropFirst(76)
        }
        return lines.joined(separator: "\r\n")
    }

    /// `Mon, 02 Jan 2006 15:04:05 +0000`.
    static func rfc5322(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss Z"
        return formatter.string(from: date)
    }

    /// The domain of an address, for `Message-ID`s (`localhost` when there is none).
    static func domain(of address: String) -> String {
        guard let at = address.lastIndex(of: "@") else { return "localhost" }
        let domain = address[address.index(after: at)...]
        return domain.isEmpty ? "localhost" : String(domain)
    }

    /// The text as sent between `DATA` and the final `.`: a line starting with `.` gets a second one (RFC 5321 4.5.2),
    /// and the text ends with CRLF.
    static func dotStuffed(_ text: String) -> String {
        var lines = text.components(separatedBy: "\r\n")
        if lines.last == "" { lines.removeLast() }
        return lines.map { $0.hasPrefix(".") ? "." + $0 : $0 }.joined(separator: "\r\n") + "\r\n"
    }

    /// Whether `address` can go into `MAIL FROM:<…>` / `RCPT TO:<…>` and a header unchanged: one `@`, something on
    /// both sides, no spaces, control characters, angle brackets or commas.
    static func isDeliverable(_ address: String) -> Bool {
        let parts = address.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty, address.utf8.count <= 254 else { return false }
        return !address.unicodeScalars.contains { $0.value <= 0x20 || $0.value == 0x7F || "<>,;\"()[]\\".unicodeScalars.contains($0) }
    }
}
