import AfterSale
import Consult
import Contracts
import Finance
import Foundation
@testable import Host
import HostTesting
import Members
import PluginAPI
import PreSale
import Settings
import Testing

/// A missing message key shows the key itself on the page; an unused one is dead text. The merged catalogue of the host
/// with every built-in module is checked against the code: every key the code asks for by name exists in both languages,
/// and every key of the catalogue is asked for (by name, or through a key built from a literal prefix: `"status.\(code)"`).
@Suite("message keys: defined where used, used where defined")
struct MessageKeyTests {
    static let repo = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let modules: [any Module] = [SettingsModule(), MembersModule(), PreSaleModule(), ContractsModule(), FinanceModule(), ConsultModule(),
                                        AfterSaleModule()]
    /// Source folder → module id.
    static let folders = ["Settings": "settings", "Members": "members", "PreSale": "presale", "Contracts": "contracts", "Finance": "finance",
                          "Consult": "consult", "AfterSale": "aftersale"]
    /// Members' components render under the module that mounts them, with the labels that module merged.
    static let components = ["Plugins/Members/Notes/", "Plugins/Members/Overview/"]

    static func swiftFiles(_ folder: String) -> [(path: String, text: String)] {
        guard let walk = FileManager.default.enumerator(at: repo.appendingPathComponent(folder), includingPropertiesForKeys: nil) else { return [] }
        var files: [(String, String)] = []
        for case let url as URL in walk where url.pathExtension == "swift" {
            let path = String(url.path.dropFirst(repo.path.count + 1))
            if let text = try? String(contentsOf: url, encoding: .utf8) { files.append((path, text)) }
        }
        return files.sorted { $0.0 < $1.0 }
    }

    /// The literal keys of `req.t("…")` calls (keys with an interpolation are left to the "used" side).
    static func askedKeys(_ text: String) -> [String] {
        let pattern = /req\.t\("([A-Za-z0-9_.\-]+)"\)/
        return text.matches(of: pattern).map { String($0.output.1) }
    }

    static func catalog() async throws -> MessageCatalog {
        let t = try await TestHost.make(modules: modules)
        let catalog = t.host.catalog
        await t.host.shutdown()
        return catalog
    }

    @Test("every key of the merged catalogue has a text in zh-CN and in en")
    func bothLanguages() async throws {
        let catalog = try await Self.catalog()
        let zh = catalog.entries[.zhCN] ?? [:], en = catalog.entries[.en] ?? [:]
        #expect(Set(zh.keys).symmetricDifference(en.keys).sorted() == [])
        #expect(zh.filter { $0.value.isEmpty }.keys.sorted() == [] && en.filter { $0.value.isEmpty }.keys.sorted() == [])
    }

    @Test("every key the code asks for by name is in the catalogue of the module that renders it")
    func definedWhereUsed() async throws {
        let keys = Set((try await Self.catalog()).entries[.zhCN]?.keys.map { $0 } ?? [])
        var missing: [String] = [], asked = 0
        for (folder, module) in Self.folders {
            for file in Self.swiftFiles("Plugins/\(folder)") {
                let users = Self.components.contains { file.path.hasPrefix($0) } ? ["members", "presale", "aftersale"] : [module]
                for key in Self.askedKeys(file.text) {
                    asked += 1
                    let found = key.hasPrefix("core.") ? keys.contains(key) : users.contains { keys.contains("\($0).\(key)") }
                    if !found { missing.append("\(file.path): \(key)") }
                }
            }
        }
        for file in Self.swiftFiles("Sources/Host") {
            for key in Self.askedKeys(file.text) where key.hasPrefix("core.") && !keys.contains(key) { missing.append("\(file.path): \(key)") }
        }
        #expect(asked > 500, "the scan finds the modules' req.t(\"…\") calls")
        #expect(missing.sorted() == [])
    }

    /// What a module's code says about its keys: how often each key-like literal occurs, how often as its own catalogue
    /// entry (`("key", "…"` or `"key": LocalizedText(`), and the literal beginnings of keys built by interpolation.
    struct Usage {
        var literals: [String: Int] = [:]
        var definitions: [String: Int] = [:]
        var prefixes: Set<String> = []

        init(_ text: String) {
            for match in text.matches(of: /"([A-Za-z0-9_.\-]+)"/) { literals[String(match.output.1), default: 0] += 1 }
            for match in text.matches(of: /\("([A-Za-z0-9_.\-]+)", "/) { definitions[String(match.output.1), default: 0] += 1 }
            for match in text.matches(of: /"([A-Za-z0-9_.\-]+)": LocalizedText\(/) { definitions[String(match.output.1), default: 0] += 1 }
            for match in text.matches(of: /"([A-Za-z0-9_.\-]+)\\\(/) { prefixes.insert(String(match.output.1)) }
        }

        func uses(_ name: String) -> Bool {
            if (literals[name] ?? 0) > (definitions[name] ?? 0) { return true }
            return (1..<max(1, name.count)).contains { prefixes.contains(String(name.prefix($0))) }
        }
    }

    @Test("every key of the catalogue is asked for by the module's code (by name or by a literal prefix)")
    func usedWhereDefined() async throws {
        let keys = (try await Self.catalog()).entries[.zhCN]?.keys.sorted() ?? []
        var usage: [String: Usage] = ["core": Usage(Self.swiftFiles("Sources/Host").map(\.text).joined(separator: "\n"))]
        let shared = Self.components.flatMap { prefix in Self.swiftFiles("Plugins/Members").filter { $0.path.hasPrefix(prefix) }.map(\.text) }
        for (folder, module) in Self.folders {
            usage[module] = Usage((Self.swiftFiles("Plugins/\(folder)").map(\.text) + shared).joined(separator: "\n"))
        }
        var unused: [String] = []
        for key in keys {
            let module = String(key.prefix { $0 != "." })
            guard let code = usage[module] else { continue }   // a declarative module's own labels
            let rest = String(key.dropFirst(module.count + 1))
            // The code names a key relative to its module; core pages name it whole, or relative to a local prefix.
            if !(module == "core" ? code.uses(key) || code.uses(rest) : code.uses(rest)) { unused.append(key) }
        }
        #expect(unused == [])
    }
}
