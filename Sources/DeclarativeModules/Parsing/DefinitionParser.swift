import PluginAPI
import Yams

/// Reads one declarative module file and checks it; every problem is reported with its file and line.
///
/// ```swift
/// let definition = try DefinitionParser(file: "modules.d/referrals.yaml", reservedIDs: ["members"]).parse(text)
/// ```
public struct DefinitionParser: Sendable {
    /// The file name shown in messages.
    public let file: String
    /// Module ids already taken (the compiled-in modules and earlier files).
    public let reservedIDs: Set<String>

    /// Creates a parser.
    public init(file: String, reservedIDs: Set<String> = []) {
        self.file = file
        self.reservedIDs = reservedIDs
    }

    static let moduleKeys = ["id", "name", "version", "depends_on", "menu_group", "tables"]
    static let tableKeys = ["id", "label", "fields", "list", "filters", "owner", "menu"]
    static let menuKeys = ["label", "group", "order"]

    /// Parses and validates `text`; throws `DefinitionErrors` listing every problem.
    public func parse(_ text: String) throws -> ModuleDefinition {
        let problems = ProblemList(file: file)
        let root: Node
        do {
            guard let composed = try Yams.compose(yaml: text) else { throw DefinitionErrors([DefinitionError(file: file, line: 1, module: nil, "the file is empty")]) }
            root = composed
        } catch let error as YamlError {
            throw DefinitionErrors([DefinitionError(file: file, line: Self.line(of: error), module: nil, "invalid YAML: \(error)")])
        }
        if let raw = root.mapping?["id"]?.string, !raw.isEmpty { problems.module = raw }
        let reader = YAMLReader(problems: problems)
        guard let top = reader.entries(root, "", allowed: Self.moduleKeys) else { throw DefinitionErrors(problems.errors) }
        let id = reader.identifier(top["id"]?.value, "id", at: root) ?? ""
        problems.module = id.isEmpty ? nil : id
        if let node = top["id"]?.value, !id.isEmpty {
            if !ModuleManifest.isValidID(id) {
                problems.fail(node, "id '\(id)' is not a valid module id (a lowercase letter, then letters, digits or _, at most 32)")
            } else if id == "core" || reservedIDs.contains(id) {
                problems.fail(node, "id '\(id)' is already used by another module")
            }
        }
        let name = reader.label(top["name"]?.value, "name", at: root)
        let version = top["version"].map { reader.text($0.value, "version") ?? "" } ?? "1.0.0"
        let dependencies = reader.strings(top["depends_on"]?.value, "depends_on") ?? []
        let menuGroup = top["menu_group"].flatMap { reader.label($0.value, "menu_group", at: $0.key) }
        var tables: [TableDefinition] = []
        if let tablesNode = top["tables"]?.value {
            if let sequence = tablesNode.sequence, !sequence.isEmpty {
                for (index, node) in sequence.enumerated() {
                    guard let table = parseTable(node, index: index, group: menuGroup ?? name, reader) else { continue }
                    // PostgreSQL cuts identifiers at 63 bytes: the longest generated name is <module>_<table>_<field>_key.
                    let longest = table.fields.map { "\(id)_\(table.id)_\($0.id)_key".utf8.count }.max() ?? "\(id)_\(table.id)".utf8.count
                    if tables.contains(where: { $0.id == table.id }) {
                        problems.fail(node, "duplicate table '\(table.id)'")
                    } else if longest > 63 {
                        problems.fail(node, "table '\(table.id)': module id, table id and the longest field id together make a database name of \(longest) characters (at most 63): use shorter ids")
                    } else {
                        tables.append(table)
                    }
                }
            } else {
                problems.fail(tablesNode, "tables must be a non-empty list")
            }
        } else {
            problems.fail(root, "missing tables: a module needs at least one table")
        }
        checkDependencies(tables, dependencies, top["depends_on"]?.key ?? root, problems)
        guard problems.errors.isEmpty, let name else { throw DefinitionErrors(problems.errors) }
        return ModuleDefinition(id: id, name: name, version: version, dependencies: dependencies, tables: tables, file: file)
    }

    private func parseTable(_ node: Node, index: Int, group: LocalizedText?, _ reader: YAMLReader) -> TableDefinition? {
        let path = "tables[\(index)]"
        guard let keys = reader.entries(node, path, allowed: Self.tableKeys) else { return nil }
        let id = reader.identifier(keys["id"]?.value, "\(path).id", at: node)
        let label = reader.label(keys["label"]?.value, "\(path).label", at: node)
        var fields: [FieldDefinition] = []
        // Ids of every entry, valid or not, so that one bad field is not reported again by `list` and `filters`.
        let named = Set((keys["fields"]?.value.sequence.map(Array.init) ?? []).compactMap { $0.mapping?["id"]?.string })
        if let fieldsNode = keys["fields"]?.value, let sequence = fieldsNode.sequence, !sequence.isEmpty {
            let parser = FieldParser(reader: reader)
            for (fieldIndex, fieldNode) in sequence.enumerated() {
                guard let field = parser.parse(fieldNode, path: "\(path).fields[\(fieldIndex)]") else { continue }
                if fields.contains(where: { $0.id == field.id }) {
                    reader.problems.fail(fieldNode, "duplicate field '\(field.id)' in table '\(id ?? "?")'")
                } else {
                    fields.append(field)
                }
            }
        } else {
            reader.problems.fail(keys["fields"]?.value ?? node, "\(path).fields must be a non-empty list")
        }
        let list = reader.strings(keys["list"]?.value, "\(path).list") ?? []
        let filters = reader.strings(keys["filters"]?.value, "\(path).filters") ?? []
        for (name, ids, node) in [("list", list, keys["list"]?.value), ("filters", filters, keys["filters"]?.value)] {
            for fieldID in ids where !named.contains(fieldID) {
                reader.problems.fail(node, "\(path).\(name): unknown field '\(fieldID)'")
            }
        }
        let owner = keys["owner"].flatMap { reader.text($0.value, "\(path).owner") }
        if let owner, let ownerNode = keys["owner"]?.value, fields.first(where: { $0.id == owner })?.type != .staff {
            reader.problems.fail(ownerNode, "\(path).owner '\(owner)' must name a field of type staff")
        }
        guard let id, let label else { return nil }
        let menu = parseMenu(keys["menu"], label: label, group: group, order: index, reader)
        return TableDefinition(id: id, label: label, fields: fields, listColumns: list, filters: filters, ownerField: owner,
                               menu: menu, line: node.mark?.line)
    }

    /// `menu: false` (no entry), or `{label, group, order}` over the defaults (the table's label under the module's group).
    private func parseMenu(_ entry: (key: Node, value: Node)?, label: LocalizedText, group: LocalizedText?, order: Int,
                           _ reader: YAMLReader) -> MenuPlacement? {
        var menu = MenuPlacement(label: label, group: group, order: order)
        guard let entry else { return menu }
        if let flag = entry.value.bool, entry.value.mapping == nil { return flag ? menu : nil }
        guard let keys = reader.entries(entry.value, "menu", allowed: Self.menuKeys) else { return menu }
        if let node = keys["label"]?.value, let value = reader.label(node, "menu.label", at: entry.key) { menu.label = value }
        if let node = keys["group"]?.value, let value = reader.label(node, "menu.group", at: entry.key) { menu.group = value }
        if let value = reader.integer(keys["order"]?.value, "menu.order", 0...10_000) { menu.order = value }
        return menu
    }

    /// Member fields need Members, dictionary fields need Settings: both must be listed in `depends_on`.
    private func checkDependencies(_ tables: [TableDefinition], _ dependencies: [String], _ node: Node, _ problems: ProblemList) {
        let types = tables.flatMap(\.fields).map(\.type)
        if types.contains(.member), !dependencies.contains("members") {
            problems.fail(node, "member fields need the members module: add members to depends_on")
        }
        if types.contains(where: { if case .dictionary = $0 { true } else { false } }), !dependencies.contains("settings") {
            problems.fail(node, "dictionary fields need the settings module: add settings to depends_on")
        }
    }

    private static func line(of error: YamlError) -> Int? {
        switch error {
        case .scanner(_, _, let mark, _), .parser(_, _, let mark, _), .composer(_, _, let mark, _): return mark.line
        default: return nil
        }
    }
}
