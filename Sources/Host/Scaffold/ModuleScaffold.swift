import Foundation
import PluginAPI

/// What `yuelao new-module <id>` writes: a compilable in-tree module with one resource and its tests.
///
/// The files come from the templates in `Resources/scaffold`, which are `Plugins/Points` and `Tests/PointsTests` with
/// `points` → `__id__` and `Points` → `__Name__` (`scripts/scaffold-templates` refreshes them after `Points` changes).
public struct ModuleScaffold: Sendable {
    /// The module id, e.g. `loyalty_points`.
    public let id: String

    /// Output path (with `__Name__`) → template file name.
    static let files: [(path: String, template: String)] = [
        ("Plugins/__Name__/__Name__Module.swift", "Module"),
        ("Plugins/__Name__/__Name__Messages.swift", "Messages"),
        ("Plugins/__Name__/Model/__Name__Schema.swift", "Schema"),
        ("Plugins/__Name__/Model/__Name__Item.swift", "Item"),
        ("Plugins/__Name__/Model/__Name__DemoData.swift", "DemoData"),
        ("Plugins/__Name__/Pages/__Name__ListPages.swift", "ListPages"),
        ("Plugins/__Name__/Pages/__Name__FormPages.swift", "FormPages"),
        ("Plugins/__Name__/Pages/__Name__API.swift", "API"),
        ("Tests/__Name__Tests/__Name__Fixture.swift", "Fixture"),
        ("Tests/__Name__Tests/__Name__AccessTests.swift", "AccessTests"),
    ]

    /// Creates a scaffold for `id` (check it with ``problem(root:compiledIn:)`` first).
    public init(id: String) { self.id = id }

    /// The Swift name: `loyalty_points` → `LoyaltyPoints` (target, folder and type prefix).
    public var name: String {
        id.split(separator: "_").map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined()
    }

    /// The line `Package.swift` gets in `customModules`.
    public var registration: String { "    .inTree(\"\(name)\", type: \"\(name)Module\")," }

    /// The lines to add under `modules:` in modules.yaml.
    public var yamlLines: String { "  \(id):\n    enabled: true\n    settings:\n      page_size: 20" }

    /// Why `id` cannot be scaffolded in the repository at `root`, or nil when it can.
    public func problem(root: URL, compiledIn: [String]) -> String? {
        guard ModuleManifest.isValidID(id), !id.hasSuffix("_"), !id.contains("__") else {
            return "'\(id)' is not a module id: use a lowercase letter, then lowercase letters, digits or single underscores (at most 32)"
        }
        if compiledIn.contains(id) || Self.reserved.contains(id) { return "'\(id)' is already a module id" }
        if Self.toolchainModules.contains(name.lowercased()) {
            return "'\(id)' would name the target \(name), a module of the Swift toolchain or a package this build uses"
        }
        for path in ["Plugins/\(name)", "Sources/\(name)", "Tests/\(name)Tests", "modules.d/\(id).yaml", "modules.d/\(id).yml"] {
            if FileManager.default.fileExists(atPath: root.appendingPathComponent(path).path) { return "\(path) already exists" }
        }
        if let declared = declarativeModule(root: root) { return "modules.d/\(declared) already declares module '\(id)'" }
        guard let manifest = try? String(contentsOf: root.appendingPathComponent("Package.swift"), encoding: .utf8) else {
            return "no Package.swift in \(root.path): run from the repository root or pass --root"
        }
        if ["name: \"\(name)\"", "product: \"\(name)\"", ".inTree(\"\(name)\""].contains(where: { manifest.contains($0) }) {
            return "Package.swift already has a target or product named \(name)"
        }
        guard manifest.contains(Self.marker) else { return "Package.swift has no line '\(Self.marker)'" }
        return nil
    }

    /// The file under `modules.d/` whose top-level `id:` is this id, if any (declarative modules).
    func declarativeModule(root: URL) -> String? {
        let folder = root.appendingPathComponent("modules.d")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.sorted().first { name in
            guard name.hasSuffix(".yaml") || name.hasSuffix(".yml"),
                  let text = try? String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8) else { return false }
            return text.components(separatedBy: "\n").contains { $0.trimmingCharacters(in: .whitespaces) == "id: \(id)" && !$0.hasPrefix(" ") }
        }
    }

    /// The line of `Package.swift` new entries go above.
    public static let marker = "// yuelao new-module: new entries above this line"

    /// Ids the host uses itself (URL prefixes and the core module).
    static let reserved: Set<String> = ["core", "api", "m", "static", "uploads", "login", "logout", "metrics"]
    /// Target names that would shadow a toolchain module or a dependency's module (compared lowercased).
    static let toolchainModules: Set<String> = [
        "swift", "foundation", "foundationessentials", "foundationinternationalization", "foundationnetworking", "dispatch", "xctest",
        "testing", "glibc", "darwin", "observation", "distributed", "synchronization", "regexbuilder", "cxx", "logging", "metrics",
        "hummingbird", "mustache", "sqlkit", "yams", "crypto", "nio", "niocore",
    ]

    /// The generated files, path relative to the repository root → contents.
    public func render() throws -> [(path: String, contents: String)] {
        try Self.files.map { file in
            guard let url = Bundle.module.url(forResource: file.template, withExtension: "swift.tmpl", subdirectory: "Resources/scaffold") else {
                throw ScaffoldError("template \(file.template) is missing from the host's resources")
            }
            let template = try String(contentsOf: url, encoding: .utf8)
            return (fill(file.path), fill(template))
        }
    }

    func fill(_ text: String) -> String {
        text.replacingOccurrences(of: "__Name__", with: name).replacingOccurrences(of: "__id__", with: id)
    }

    /// Writes the files under `root` and registers the target in its `Package.swift`; returns the paths written.
    public func write(root: URL) throws -> [String] {
        let files = try render()
        for file in files {
            let url = root.appendingPathComponent(file.path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try file.contents.write(to: url, atomically: true, encoding: .utf8)
        }
        let manifestURL = root.appendingPathComponent("Package.swift")
        let manifest = try String(contentsOf: manifestURL, encoding: .utf8)
        var lines = manifest.components(separatedBy: "\n")
        guard let index = lines.firstIndex(where: { $0.trimmingCharacters(in: .whitespaces) == Self.marker }) else {
            throw ScaffoldError("Package.swift has no line '\(Self.marker)'")
        }
        lines.insert(registration, at: index)
        try lines.joined(separator: "\n").write(to: manifestURL, atomically: true, encoding: .utf8)
        return files.map(\.path) + ["Package.swift"]
    }
}

/// A scaffold that cannot be written, with the reason.
public struct ScaffoldError: Error, CustomStringConvertible {
    /// What went wrong, for the command line.
    public let description: String
    init(_ description: String) { self.description = description }
}
