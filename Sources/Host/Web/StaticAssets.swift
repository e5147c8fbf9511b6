import Foundation
import Hummingbird
import NIOCore

/// The stylesheet and script shipped in the bundle, and uploaded images served only as images.
enum StaticAssets {
    static let files: [String: (Data, String)] = {
        var files: [String: (Data, String)] = [:]
        for (name, type) in [("app.css", "text/css; charset=utf-8"), ("app.js", "text/javascript; charset=utf-8")] {
            let parts = name.split(separator: ".")
            if let url = Bundle.module.url(forResource: String(parts[0]), withExtension: String(parts[1]), subdirectory: "Resources/static"),
               let data = try? Data(contentsOf: url) {
                files[name] = (data, type)
            }
        }
        return files
    }()

    static func register(_ router: Router<AppContext>, uploads: UploadStore) {
        router.get("/static/:file") { _, context -> Response in
            guard let name = context.parameters.get("file"), let (data, type) = files[name] else { return Responses.text("not found", status: 404) }
            var response = Responses.bytes(data, contentType: type)
            response.headers[.cacheControl] = "public, max-age=3600"
            return response
        }
        router.get("/uploads/:name") { _, context -> Response in
            guard let name = context.parameters.get("name"), let (data, type) = uploads.load(name) else {
                return Responses.text("not found", status: 404)
            }
            var response = Responses.bytes(data, contentType: type.contentType)
            response.headers[.cacheControl] = "private, max-age=86400"
            response.headers[.contentSecurityPolicy] = "default-src 'none'"
            return response
        }
    }
}
