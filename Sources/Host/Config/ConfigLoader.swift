import Foundation
import PluginAPI
import Yams

/// Reads and checks `modules.yaml` against the compiled-in modules.
public struct ConfigLoader: Sendable {
    public let available: [any Module]

    public init(available: [any Module]) { self.available = available }

    static let topKeys: Set<String> = ["database", "server", "modules", "data_dir", "notifications"]
    static let serverKeys: Set<String> = ["host", "port", "secure_cookies", "metrics_token", "trusted_proxies"]
    static let moduleKeys: Set<String> = ["enabled", "settings"]

    /// Loads `path`; a missing file gives the defaults. The environment variable `YUELAO_DATABASE_URL` overrides the database.
    public func load(path: String, environment: [String: String] = ProcessInfo.processInfo.environment) throws -> HostConfig {
        var config: HostConfig
        if FileManager.default.fileExists(atPath: path) {
            let text = try String(contentsOfFile: path, encoding: .utf8)
            config = try parse(text, file: path)
        } else {
            config = HostConfig.defaults(file: path, moduleIDs: available.map(\.id))
        }
        if let url = environment["YUELAO_DATABASE_URL"], !url.isEmpty { config.databaseURL = url }
        return config
    }

    /// Parses and validates YAML text; throws `ConfigErrors` listing every problem.
    public func parse(_ text: String, file: String) throws -> HostConfig {
        var errors: [ConfigError] = []
        func fail(_ node: Node?, _ message: String, module: String? = nil) {
            errors.append(ConfigError(file: file, line: node?.mark?.line, module: module, message))
        }
        let root: Node
        do {
            guard let composed = try Yams.compose(yaml: text) else {
                throw ConfigErrors(errors: [ConfigError(file: file, line: 1, "the file is empty")])
            }
            root = composed
        } catch let error as ConfigErrors {
            throw error
        } catch let error as YamlError {
            throw ConfigErrors(errors: [ConfigError(file: file, line: Self.line(of: error), "invalid YAML: \(error)")])
        }
        guard let top = root.mapping else {
            throw ConfigErrors(errors: [ConfigError(file: file, line: root.mark?.line, "the top level must be a mapping")])
        }
        var config = HostConfig.defaults(file: file, moduleIDs: [])
        for (keyNode, value) in top {
            let key = keyNode.string ?? ""
            switch key {
            case "database":
                if let s = value.string, !s.isEmpty { config.databaseURL = s } else { fail(value, "database must be a URL string") }
            case "data_dir":
                if let s = value.string, !s.isEmpty { config.dataDirectory = s } else { fail(value, "data_dir must be a path") }
            case "server":
                guard let server = value.mapping else { fail(value, "server must be a mapping"); continue }
                for (k, v) in server {
                    switch k.string ?? "" {
                    case "host": if let s = v.string { config.host = s } else { fail(v, "server.host must be a string") }
                    case "port":
                        if let p = v.int, (1...65535).contains(p) { config.port = p } else { fail(v, "server.port must be an integer 1–65535") }
                    case "secure_cookies":
                        if let b = v.bool { config.secureCookies = b; config.secureCookiesSet = true } else { fail(v, "server.secure_cookies must be true or false") }
                    case "trusted_proxies":
                        let entries = v.sequence?.compactMap(\.string) ?? (v.string.map { $0.isEmpty ? [] : [$0] } ?? [])
                        switch TrustedProxies.parse(entries) {
                        case .success(let proxies): config.trustedProxies = proxies
                        case .failure(let bad): fail(v, "server.trusted_proxies: '\(bad.entry)' is no IP address or CIDR block")
                        }
                    case "metrics_token": config.metricsToken = v.string.flatMap { $0.isEmpty ? nil : $0 }
                    default: fail(k, "unknown key 'server.\(k.string ?? "?")' (allowed: \(Self.serverKeys.sorted().joined(separator: ", ")))")
                    }
                }
            case "modules":
                guard let modules = value.mapping else { fail(value, "modules must be a mapping of module id to its block"); continue }
                for (idNode, block) in modules {
                    if let entry = parseModule(idNode, block, fail: { node, module, message in fail(node, message, module: module) }) { config.modules.append(entry) }
                }
            case "notifications":
                config.notifications = parseNotifications(value, fail: { node, message in fail(node, message) })
            default:
                fail(keyNode, "unknown key '\(key)' (allowed: \(Self.topKeys.sorted().joined(separator: ", ")))")
            }
        }
        errors += checkDependencies(config, file: file)
        if !errors.isEmpty { throw ConfigErrors(errors: errors) }
        return config
    }

    private func parseModule(_ idNode: Node, _ block: Node, fail: (Node?, String?, String) -> Void) -> HostConfig.ModuleEntry? {
        let id = idNode.string ?? ""
        guard let module = available.first(where: { $0.id == id }) else {
            fail(idNode, id, "unknown module id (known: \(available.map(\.id).sorted().joined(separator: ", ")))")
            return nil
        }
        var entry = HostConfig.ModuleEntry(id: id, enabled: true, settings: ModuleSettings(), line: idNode.mark?.line)
        var values: [String: SettingValue] = Dictionary(uniqueKeysWithValues: module.settingsSchema.map { ($0.key, $0.defaultValue) })
        if let flag = block.bool, block.mapping == nil {
            entry.enabled = flag
        } else if let mapping = block.mapping {
            for (k, v) in mapping {
                switch k.string ?? "" {
                case "enabled":
                    if let b = v.bool { entry.enabled = b } else { fail(v, id, "enabled must be true or false") }
                case "settings":
                    guard let settings = v.mapping else { fail(v, id, "settings must be a mapping"); continue }
                    for (sk, sv) in settings {
                        let key = sk.string ?? ""
                        guard let spec = module.settingsSchema.first(where: { $0.key == key }) else {
                            fail(sk, id, "unknown setting '\(key)'")
                            continue
                        }
                        if let value = Self.value(sv, like: spec.defaultValue) { values[key] = value } else {
                            fail(sv, id, "setting '\(key)' must be a \(spec.defaultValue.typeName)")
                        }
                    }
                default:
                    fail(k, id, "unknown key '\(k.string ?? "?")' (allowed: \(Self.moduleKeys.sorted().joined(separator: ", ")))")
                }
            }
        } else if block.null == nil {
            fail(block, id, "a module block must be a mapping or true/false")
        }
        entry.settings = ModuleSettings(values)
        return entry
    }

    static func value(_ node: Node, like example: SettingValue) -> SettingValue? {
        switch example {
        case .string: node.string.map(SettingValue.string)
        case .int: node.int.map(SettingValue.int)
        case .bool: node.bool.map(SettingValue.bool)
        case .strings: node.sequence.map { .strings($0.compactMap(\.string)) }
        }
    }

    /// Missing or disabled dependencies and cycles among the enabled modules.
    func checkDependencies(_ config: HostConfig, file: String) -> [ConfigError] {
        var errors: [ConfigError] = []
        let enabled = config.enabledIDs
        let byID = Dictionary(available.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        for entry in config.modules where entry.enabled {
            for dep in byID[entry.id]?.manifest.dependencies ?? [] {
                if byID[dep] == nil {
                    errors.append(ConfigError(file: file, line: entry.line, module: entry.id, "depends on unknown module '\(dep)'"))
                } else if !enabled.contains(dep) {
                    let listed = config.modules.contains { $0.id == dep }
                    errors.append(ConfigError(file: file, line: entry.line, module: entry.id,
                                              "depends on '\(dep)', which is \(listed ? "disabled" : "not listed")"))
                }
            }
        }
        if errors.isEmpty, case .failure(let cycle) = ModuleOrder.sort(available.filter { enabled.contains($0.id) }) {
            let line = config.modules.first { $0.id == cycle.first }?.line
            errors.append(ConfigError(file: file, line: line, module: cycle.first,
                                      "dependency cycle: \(cycle.joined(separator: " → "))"))
        }
        return errors
    }

    private static func line(of error: YamlError) -> Int? {
        switch error {
        case .scanner(_, _, let mark, _), .parser(_, _, let mark, _), .composer(_, _, let mark, _): return mark.line
        default: return nil
        }
    }
}
