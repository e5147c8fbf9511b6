import PluginAPI
import Yams

/// Reads one entry of a table's `fields:` list.
struct FieldParser {
    let reader: YAMLReader

    static let keys = ["id", "label", "type", "required", "unique", "min_length", "max_length", "min", "max", "format", "multiline",
                       "list", "options", "help"]
    /// Ids a field may not take: the columns every table has.
    static let reserved = Set(TableDefinition.systemColumns)

    func parse(_ node: Node, path: String) -> FieldDefinition? {
        guard let keys = reader.entries(node, path, allowed: Self.keys) else { return nil }
        let problems = reader.problems
        let id = reader.identifier(keys["id"]?.value, "\(path).id", at: node)
        if let id, let idNode = keys["id"]?.value, Self.reserved.contains(id) {
            problems.fail(idNode, "\(path).id '\(id)' is reserved (every table has \(TableDefinition.systemColumns.joined(separator: ", ")))")
        }
        let label = reader.label(keys["label"]?.value, "\(path).label", at: node)
        let type = parseType(keys, path: path, at: node)
        guard let id, let label, let type, !Self.reserved.contains(id) else { return nil }
        var field = FieldDefinition(id: id, label: label, type: type)
        field.line = node.mark?.line
        field.required = reader.flag(keys["required"]?.value, "\(path).required") ?? false
        field.unique = reader.flag(keys["unique"]?.value, "\(path).unique") ?? false
        field.help = keys["help"].flatMap { reader.label($0.value, "\(path).help", at: $0.key) }
        if field.unique, type == .boolean, let node = keys["unique"]?.value { problems.fail(node, "\(path): a boolean field cannot be unique") }
        field.minLength = only(.text, type, keys["min_length"], path) { reader.integer($0, "\(path).min_length", 1...10_000) }
        field.maxLength = only(.text, type, keys["max_length"], path) { reader.integer($0, "\(path).max_length", 1...10_000) }
        if let low = field.minLength, let high = field.maxLength, low > high, let node = keys["min_length"]?.value {
            problems.fail(node, "\(path).min_length \(low) is above max_length \(high)")
        }
        field.minimum = only(.integer, type, keys["min"], path) { reader.integer($0, "\(path).min", -999_999_999_999...999_999_999_999) }
        field.maximum = only(.integer, type, keys["max"], path) { reader.integer($0, "\(path).max", -999_999_999_999...999_999_999_999) }
        field.multiline = only(.text, type, keys["multiline"], path) { reader.flag($0, "\(path).multiline") } ?? false
        field.format = only(.text, type, keys["format"], path) { node in
            guard let raw = node.string, let format = TextFormat(rawValue: raw) else {
                problems.fail(node, "\(path).format must be one of \(TextFormat.allCases.map(\.rawValue).joined(separator: ", "))")
                return nil
            }
            return format
        }
        if let entry = keys["options"] {
            if case .dictionary = type { field.seeds = parseSeeds(entry.value, path: "\(path).options") } else {
                problems.fail(entry.key, "\(path).options applies to dictionary fields only")
            }
        }
        return field
    }

    private func parseType(_ keys: [String: (key: Node, value: Node)], path: String, at node: Node) -> FieldType? {
        guard let typeNode = keys["type"]?.value else {
            reader.problems.fail(node, "missing \(path).type (one of \(FieldType.names.joined(separator: ", ")))")
            return nil
        }
        let name = typeNode.string ?? ""
        let list = keys["list"]
        if name != "dictionary", let list { reader.problems.fail(list.key, "\(path).list applies to dictionary fields only") }
        switch name {
        case "text": return .text
        case "integer": return .integer
        case "money": return .money
        case "date": return .date
        case "datetime": return .datetime
        case "boolean": return .boolean
        case "member": return .member
        case "staff": return .staff
        case "dictionary":
            guard let list else {
                reader.problems.fail(typeNode, "\(path): a dictionary field needs list: <the data dictionary list key>")
                return nil
            }
            guard let key = reader.text(list.value, "\(path).list") else { return nil }
            guard YAMLReader.isIdentifier(key) else {
                reader.problems.fail(list.value, "\(path).list '\(key)' is not a dictionary list key (lowercase letters, digits, _)")
                return nil
            }
            return .dictionary(list: key)
        default:
            reader.problems.fail(typeNode, "unknown field type '\(name)' (known: \(FieldType.names.joined(separator: ", ")))")
            return nil
        }
    }

    /// A key that only makes sense for one type: read it for that type, report it for any other.
    private func only<T>(_ expected: FieldType, _ type: FieldType, _ entry: (key: Node, value: Node)?, _ path: String,
                         _ read: (Node) -> T?) -> T? {
        guard let entry else { return nil }
        guard type == expected else {
            reader.problems.fail(entry.key, "\(path).\(entry.key.string ?? "?") applies to \(expected.name) fields only")
            return nil
        }
        return read(entry.value)
    }

    /// `options: [{code: pending, zh: 待跟进, en: Pending}, …]`.
    private func parseSeeds(_ node: Node, path: String) -> [DictionarySeed] {
        guard let sequence = node.sequence else {
            reader.problems.fail(node, "\(path) must be a list of {code, zh, en}")
            return []
        }
        var seeds: [DictionarySeed] = []
        for (index, item) in sequence.enumerated() {
            guard let keys = reader.entries(item, "\(path)[\(index)]", allowed: ["code", "zh", "en"]) else { continue }
            guard let code = reader.text(keys["code"]?.value, "\(path)[\(index)].code"),
                  let zh = reader.text(keys["zh"]?.value, "\(path)[\(index)].zh"),
                  let en = reader.text(keys["en"]?.value, "\(path)[\(index)].en") else {
                if keys["code"] == nil || keys["zh"] == nil || keys["en"] == nil { reader.problems.fail(item, "\(path)[\(index)] needs code, zh and en") }
                continue
            }
            if seeds.contains(where: { $0.code == code }) { reader.problems.fail(item, "duplicate option code '\(code)' in \(path)") }
            seeds.append(DictionarySeed(code: code, label: LocalizedText(zh: zh, en: en)))
        }
        return seeds
    }
}
