import PluginAPI
import Yams

/// Typed reads of YAML nodes; a wrong shape is reported with the node's line and leaves nil.
struct YAMLReader {
    let problems: ProblemList

    /// The entries of a mapping, reporting unknown keys (`path` names the block in messages).
    func entries(_ node: Node, _ path: String, allowed: [String]) -> [String: (key: Node, value: Node)]? {
        guard let mapping = node.mapping else {
            problems.fail(node, "\(path) must be a mapping")
            return nil
        }
        var result: [String: (key: Node, value: Node)] = [:]
        for (keyNode, value) in mapping {
            let key = keyNode.string ?? ""
            guard allowed.contains(key) else {
                problems.fail(keyNode, "unknown key '\(path.isEmpty ? key : "\(path).\(key)")' (allowed: \(allowed.joined(separator: ", ")))")
                continue
            }
            result[key] = (keyNode, value)
        }
        return result
    }

    func text(_ node: Node?, _ path: String) -> String? {
        guard let node else { return nil }
        guard node.scalar != nil, let value = node.string, !value.isEmpty else {
            problems.fail(node, "\(path) must be a non-empty string")
            return nil
        }
        return value
    }

    func flag(_ node: Node?, _ path: String) -> Bool? {
        guard let node else { return nil }
        guard let value = node.bool else {
            problems.fail(node, "\(path) must be true or false")
            return nil
        }
        return value
    }

    func integer(_ node: Node?, _ path: String, _ range: ClosedRange<Int>) -> Int? {
        guard let node else { return nil }
        guard let value = node.int, range.contains(value) else {
            problems.fail(node, "\(path) must be an integer \(range.lowerBound)–\(range.upperBound)")
            return nil
        }
        return value
    }

    func strings(_ node: Node?, _ path: String) -> [String]? {
        guard let node else { return nil }
        guard let sequence = node.sequence else {
            problems.fail(node, "\(path) must be a list")
            return nil
        }
        var values: [String] = []
        for item in sequence {
            if let value = text(item, "each entry of \(path)") { values.append(value) }
        }
        return values
    }

    /// A `{zh: …, en: …}` label; `at` is the node to report a missing label at.
    func label(_ node: Node?, _ path: String, at owner: Node) -> LocalizedText? {
        guard let node else {
            problems.fail(owner, "missing label: \(path) needs zh and en, e.g. \(path): { zh: 推荐, en: Referral }")
            return nil
        }
        guard let entries = entries(node, path, allowed: ["zh", "en"]) else { return nil }
        guard let zhNode = entries["zh"]?.value, let enNode = entries["en"]?.value else {
            problems.fail(node, "missing label: \(path) needs both zh and en")
            return nil
        }
        guard let zh = text(zhNode, "\(path).zh"), let en = text(enNode, "\(path).en") else { return nil }
        return LocalizedText(zh: zh, en: en)
    }

    /// Whether `id` is a field or table id: a lowercase letter, then lowercase letters, digits or `_`, at most 40.
    static func isIdentifier(_ id: String) -> Bool {
        guard let first = id.unicodeScalars.first, ("a"..."z").contains(first), id.count <= 40 else { return false }
        return id.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "_" }
    }

    func identifier(_ node: Node?, _ path: String, at owner: Node) -> String? {
        guard let node else {
            problems.fail(owner, "missing \(path)")
            return nil
        }
        guard let id = text(node, path) else { return nil }
        guard Self.isIdentifier(id) else {
            problems.fail(node, "\(path) '\(id)' must be a lowercase letter followed by lowercase letters, digits or _ (at most 40)")
            return nil
        }
        return id
    }
}
