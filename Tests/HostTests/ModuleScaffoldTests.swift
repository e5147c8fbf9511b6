import Foundation
@testable import Host
import Testing

@Suite("yuelao new-module")
struct ModuleScaffoldTests {
    /// The repository this test file is in.
    static let repo = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// A throwaway repository root holding a copy of the real Package.swift.
    static func tempRoot() throws -> URL {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("yuelao-scaffold-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: repo.appendingPathComponent("Package.swift"), to: root.appendingPathComponent("Package.swift"))
        return root
    }

    @Test("the generator's output for `points` is, byte for byte, the committed Plugins/Points and Tests/PointsTests (built and tested by CI)")
    func committedExample() throws {
        let files = try ModuleScaffold(id: "points").render()
        #expect(files.count == ModuleScaffold.files.count)
        for file in files {
            let committed = try String(contentsOf: Self.repo.appendingPathComponent(file.path), encoding: .utf8)
            #expect(committed == file.contents, "\(file.path) differs from the template: edit Plugins/Points, then run scripts/scaffold-templates")
        }
        let onDisk = try FileManager.default.subpathsOfDirectory(atPath: Self.repo.appendingPathComponent("Plugins/Points").path)
            .filter { $0.hasSuffix(".swift") }
        #expect(onDisk.count == files.filter { $0.path.hasPrefix("Plugins/") }.count, "a file in Plugins/Points has no template")
    }

    @Test("new-module writes the module and its tests, registers the target above the marker and leaves the rest of Package.swift alone")
    func writes() throws {
        let root = try Self.tempRoot()
        defer { try? FileManager.default.removeItem(at: root) }
        let scaffold = ModuleScaffold(id: "loyalty_points")
        #expect(scaffold.name == "LoyaltyPoints")
        #expect(scaffold.problem(root: root, compiledIn: ["members"]) == nil)
        let before = try String(contentsOf: root.appendingPathComponent("Package.swift"), encoding: .utf8)
        let written = try scaffold.write(root: root)
        #expect(written.contains("Plugins/LoyaltyPoints/LoyaltyPointsModule.swift") && written.contains("Tests/LoyaltyPointsTests/LoyaltyPointsAccessTests.swift"))
        let module = try String(contentsOf: root.appendingPathComponent("Plugins/LoyaltyPoints/LoyaltyPointsModule.swift"), encoding: .utf8)
        #expect(module.contains("public struct LoyaltyPointsModule: Module") && module.contains("ModuleManifest(id: \"loyalty_points\""))
        let schema = try String(contentsOf: root.appendingPathComponent("Plugins/LoyaltyPoints/Model/LoyaltyPointsSchema.swift"), encoding: .utf8)
        #expect(schema.contains("create(table: \"loyalty_points_item\")"))
        let after = try String(contentsOf: root.appendingPathComponent("Package.swift"), encoding: .utf8)
        #expect(after == before.replacingOccurrences(of: "    \(ModuleScaffold.marker)", with: "\(scaffold.registration)\n    \(ModuleScaffold.marker)"))
        #expect(scaffold.problem(root: root, compiledIn: []) == "Plugins/LoyaltyPoints already exists")
        #expect(scaffold.yamlLines.hasPrefix("  loyalty_points:\n    enabled: true"))
    }

    @Test("ids that are not lowercase identifiers, or clash with a module, a folder or a target, are refused")
    func refusals() throws {
        let root = try Self.tempRoot()
        defer { try? FileManager.default.removeItem(at: root) }
        let compiledIn = ["settings", "members", "points"]
        for bad in ["", "Points", "2fa", "my-module", "_x", "x_", "a__b", "événements", String(repeating: "a", count: 33)] {
            #expect(ModuleScaffold(id: bad).problem(root: root, compiledIn: compiledIn)?.contains("is not a module id") == true, "\(bad)")
        }
        #expect(ModuleScaffold(id: "members").problem(root: root, compiledIn: compiledIn) == "'members' is already a module id")
        #expect(ModuleScaffold(id: "core").problem(root: root, compiledIn: compiledIn) == "'core' is already a module id")
        for shadowing in ["foundation", "testing", "xctest", "dispatch"] {   // would shadow a toolchain module and break the build
            #expect(ModuleScaffold(id: shadowing).problem(root: root, compiledIn: compiledIn)?.contains("Swift toolchain") == true, "\(shadowing)")
        }
        #expect(ModuleScaffold(id: "host").problem(root: root, compiledIn: compiledIn) == "Package.swift already has a target or product named Host")
        #expect(ModuleScaffold(id: "points").problem(root: Self.repo, compiledIn: []) == "Plugins/Points already exists")
        try FileManager.default.createDirectory(at: root.appendingPathComponent("modules.d"), withIntermediateDirectories: true)
        try "id: gifts\n".write(to: root.appendingPathComponent("modules.d/gifts.yaml"), atomically: true, encoding: .utf8)
        #expect(ModuleScaffold(id: "gifts").problem(root: root, compiledIn: compiledIn) == "modules.d/gifts.yaml already exists")
        try "id: presents\nname: { zh: 礼物, en: Gifts }\n".write(to: root.appendingPathComponent("modules.d/wishlist.yaml"), atomically: true, encoding: .utf8)
        #expect(ModuleScaffold(id: "presents").problem(root: root, compiledIn: compiledIn) == "modules.d/wishlist.yaml already declares module 'presents'")
        #expect(ModuleScaffold(id: "gifts").problem(root: root.appendingPathComponent("modules.d"), compiledIn: compiledIn)?.hasPrefix("no Package.swift") == true)
    }
}
