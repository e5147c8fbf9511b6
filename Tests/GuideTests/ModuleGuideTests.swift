import Events
import Foundation
@testable import Host
import Members
import PluginAPI
import Points
import Settings
import Testing

/// docs/modules.md may only quote code that is compiled and tested, so its excerpts cannot rot.
@Suite("docs/modules.md")
struct ModuleGuideTests {
    static let repo = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The fenced blocks of `language` in the guide, with the line each starts on.
    static func blocks(_ language: String) throws -> [(line: Int, text: [String])] {
        let lines = try String(contentsOf: repo.appendingPathComponent("docs/modules.md"), encoding: .utf8).components(separatedBy: "\n")
        var blocks: [(Int, [String])] = [], current: (Int, [String])?
        for (index, line) in lines.enumerated() {
            let fence = line.trimmingCharacters(in: .whitespaces)
            if var open = current {
                if fence == "```" { blocks.append(open); current = nil } else { open.1.append(line); current = open }
            } else if fence == "```\(language)" {
                current = (index + 1, [])
            }
        }
        return blocks
    }

    /// Lines without indentation, blank lines dropped: the comparison ignores only layout.
    static func normalized(_ lines: [String]) -> [String] {
        lines.map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    /// Every Swift file of the repository's code (built-in and example modules, host, tests, manifests), build folders skipped.
    static func sources() throws -> [(path: String, lines: [String])] {
        var urls = [repo.appendingPathComponent("Package.swift")]
        for folder in ["Plugins", "Sources", "Tests", "Examples"] {
            guard let walk = FileManager.default.enumerator(at: repo.appendingPathComponent(folder), includingPropertiesForKeys: nil) else { continue }
            for case let url as URL in walk {
                if url.lastPathComponent == ".build" || url.lastPathComponent == "GuideTests" { walk.skipDescendants() }
                if url.pathExtension == "swift" { urls.append(url) }
            }
        }
        return try urls.map { ($0.path, normalized(try String(contentsOf: $0, encoding: .utf8).components(separatedBy: "\n"))) }
    }

    static func contains(_ haystack: [String], _ needle: [String]) -> Bool {
        guard !needle.isEmpty, needle.count <= haystack.count else { return needle.isEmpty }
        return (0...(haystack.count - needle.count)).contains { start in Array(haystack[start..<start + needle.count]) == needle }
    }

    @Test("every Swift excerpt is, line for line, in a compiled file of the repository (`// …` marks a cut)")
    func swiftExcerpts() throws {
        let sources = try Self.sources()
        let blocks = try Self.blocks("swift")
        #expect(blocks.count >= 10)
        for block in blocks {
            var chunks: [[String]] = [[]]
            for line in block.text {
                if line.trimmingCharacters(in: .whitespaces) == "// …" { chunks.append([]) } else { chunks[chunks.count - 1].append(line) }
            }
            for chunk in chunks.map(Self.normalized) where !chunk.isEmpty {
                #expect(sources.contains { Self.contains($0.lines, chunk) },
                        "docs/modules.md:\(block.line): excerpt starting \"\(chunk[0])\" is not in any source file")
            }
        }
    }

    @Test("every modules.yaml excerpt passes `yuelao modules check` with the modules it names")
    func yamlExcerpts() throws {
        let modules: [any Module] = [SettingsModule(), MembersModule(), PointsModule(), EventsModule()]
        let blocks = try Self.blocks("yaml")
        #expect(!blocks.isEmpty)
        for block in blocks {
            let file = FileManager.default.temporaryDirectory.appendingPathComponent("guide-\(UUID().uuidString).yaml")
            try block.text.joined(separator: "\n").write(to: file, atomically: true, encoding: .utf8)
            defer { try? FileManager.default.removeItem(at: file) }
            #expect(throws: Never.self, "docs/modules.md:\(block.line)") { _ = try ConfigLoader(available: modules).load(path: file.path) }
        }
    }

    @Test("every `yuelao` command in a shell excerpt is a real subcommand, and its arguments parse")
    func shellExcerpts() throws {
        let blocks = try Self.blocks("sh")
        #expect(!blocks.isEmpty)
        for block in blocks {
            for line in block.text {
                for part in line.components(separatedBy: "#")[0].components(separatedBy: "&&") {
                    let words = part.split(separator: " ").map(String.init)
                    guard let at = words.firstIndex(of: "yuelao"), at + 1 < words.count else { continue }
                    #expect(throws: Never.self, "docs/modules.md:\(block.line): \(part)") { _ = try YuelaoCommand.parseAsRoot(Array(words[(at + 1)...])) }
                }
            }
        }
    }

    @Test("the scaffold's printed modules.yaml lines are accepted for the module it generated")
    func scaffoldYAML() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("guide-\(UUID().uuidString).yaml")
        try "modules:\n\(ModuleScaffold(id: "points").yamlLines)\n".write(to: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: file) }
        let config = try ConfigLoader(available: [PointsModule()]).load(path: file.path)
        #expect(config.enabledIDs.contains("points"))
    }
}
