import Foundation
import PluginAPI
import SQLKit

/// 消息模板: a named message for one channel, its subject and body written with placeholders that a send fills per member.
struct MessageTemplate: Decodable, Sendable {
    let id: Int64
    let name: String
    let channel: String
    let subject: String
    let body: String
    let updated_by: Int64
    let updated_at: Int64

    static let table = "members_message_template"
    static let columns = ["id", "name", "channel", "subject", "body", "updated_by", "updated_at"]
    /// The channels a member message can take, in the order forms offer them.
    static let channels: [OutboxChannel] = [.internal, .sms, .email]

    static func find(_ id: Int64, db: any SQLDatabase) async throws -> MessageTemplate? {
        try await db.select().columns(columns.map { SQLColumn($0) }).from(table).where("id", .equal, id).first(decoding: MessageTemplate.self)
    }

    static func all(_ db: any SQLDatabase) async throws -> [MessageTemplate] {
        try await db.select().columns(columns.map { SQLColumn($0) }).from(table).orderBy("name").orderBy("id").all(decoding: MessageTemplate.self)
    }

    /// The channel, subject and body fields of a message form (the template form and the mass send form).
    static func fields(_ req: ModuleRequest, values: FormData, errors: [String: String]) -> [FormField] {
        let options = channels.map { SelectOption(value: $0.rawValue, label: req.t("mass.channel.\($0.rawValue)")) }
        return [
            FormField(name: "channel", label: req.t("mass.channel"), kind: .radio(options: options),
                      value: values["channel"].isEmpty ? "internal" : values["channel"], required: true, error: errors["channel"]),
            FormField(name: "subject", label: req.t("mass.subject"), value: values["subject"], error: errors["subject"],
                      help: req.t("mass.subjectHelp"), maxLength: 100),
            FormField(name: "body", label: req.t("mass.body"), kind: .textarea(rows: 6), value: values["body"], required: true,
                      error: errors["body"], help: req.t("mass.placeholders"), maxLength: 1000),
        ]
    }

    /// Checks a message's channel, subject and body — the one rule of every message form (a template, a mass send, a message
    /// to one member): subject required for e-mail and site messages (at most 100 characters), body required (an SMS at
    /// most 300, otherwise 1,000). `labels` name the fields in the form's own words.
    static func validate(_ form: FormData, _ v: inout Validator, labels: (channel: String, subject: String, body: String)) {
        v.required("channel", form["channel"], label: labels.channel)
        v.oneOf("channel", form["channel"], channels.map(\.rawValue), label: labels.channel)
        let channel = OutboxChannel(rawValue: form["channel"])
        if channel == .email || channel == .internal { v.required("subject", form["subject"], label: labels.subject) }
        v.length("subject", form["subject"], 0...100, label: labels.subject)
        v.required("body", form["body"], label: labels.body)
        v.length("body", form["body"], 1...(channel == .sms ? 300 : 1000), label: labels.body)
    }

    /// ``validate(_:_:labels:)`` with the labels of the template and mass send forms.
    static func validate(_ form: FormData, _ v: inout Validator, t: (String) -> String) {
        validate(form, &v, labels: (t("mass.channel"), t("mass.subject"), t("mass.body")))
    }
}

/// A message text with its placeholders found once, filled for each recipient by concatenation: `{name}` (real name, else
/// username), `{uid}`, `{matchmaker}` (the member's pre-sale matchmaker) and `{agency}` (the agency's name from the site
/// settings). Anything else in braces stays as written.
struct MessageText: Sendable {
    enum Piece: Sendable, Equatable {
        case text(String)
        case name, uid, matchmaker, agency
    }

    let pieces: [Piece]

    static let placeholders: [(String, Piece)] = [("{name}", .name), ("{uid}", .uid), ("{matchmaker}", .matchmaker), ("{agency}", .agency)]

    init(_ text: String) {
        var pieces: [Piece] = []
        var literal = ""
        var rest = Substring(text)
        while let open = rest.firstIndex(of: "{") {
            literal += rest[..<open]
            let tail = rest[open...]
            if let (token, piece) = Self.placeholders.first(where: { tail.hasPrefix($0.0) }) {
                if !literal.isEmpty { pieces.append(.text(literal)); literal = "" }
                pieces.append(piece)
                rest = tail.dropFirst(token.count)
            } else {
                literal.append("{")
                rest = tail.dropFirst()
            }
        }
        literal += rest
        if !literal.isEmpty { pieces.append(.text(literal)) }
        self.pieces = pieces
    }

    func filled(name: String, uid: Int64, matchmaker: String, agency: String) -> String {
        var out = ""
        for piece in pieces {
            switch piece {
            case .text(let text): out += text
            case .name: out += name
            case .uid: out += String(uid)
            case .matchmaker: out += matchmaker
            case .agency: out += agency
            }
        }
        return out
    }
}
