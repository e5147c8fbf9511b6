import Foundation
import Mustache

/// The host's Mustache templates, loaded from the bundle once.
struct Renderer: Sendable {
    let library: MustacheLibrary

    init() throws {
        var library = MustacheLibrary()
        let names = ["layout", "login", "public"]
        for name in names {
            guard let url = Bundle.module.url(forResource: name, withExtension: "mustache", subdirectory: "Resources/templates") else {
                throw RendererError(description: "template \(name).mustache missing from the bundle")
            }
            let text = try String(contentsOf: url, encoding: .utf8)
            library.register(try MustacheTemplate(string: text), named: name)
        }
        self.library = library
    }

    func render(_ name: String, _ context: [String: Any]) -> String {
        library.render(context, withTemplate: name) ?? ""
    }
}

struct RendererError: Error, CustomStringConvertible { let description: String }
