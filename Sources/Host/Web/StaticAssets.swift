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

    /// `/uploads/<name>` answers by `UploadStore.audience(of:db:)`: site images and the avatars of staff shown on the public site
    /// to anyone, other staff avatars to logged-in staff, module images (member photos) to nobody — their module serves them
    /// after its own check. Whoever may not fetch a file gets the same 404 as for a file that does not exist.
    static func register(_ router: Router<AppContext>, uploads: UploadStore, pipeline: Pipeline) {
        router.get("/static/:file") { _, context -> Response in
            guard let name = context.parameters.get("file"), let (data, type) = files[name] else { return Responses.text("not found", status: 404) }
            var response = Responses.bytes(data, contentType: type)
            response.headers[.cacheControl] = "public, max-age=3600"
            return response
        }
        router.get("/uploads/:name") { request, context -> Response in
            guard let name = context.parameters.get("name"), let (data, type) = uploads.load(name) else {
                return Responses.text("not found", status: 404)
            }
            var allowed = false
            switch try await uploads.audience(of: name, db: pipeline.host.database.sql) {
            case .everyone: allowed = true
            case .loggedIn: allowed = try await pipeline.prepare(request).session != nil
            case .nobody: allowed = false
            }
            guard allowed else { return Responses.text("not found", status: 404) }
            var response = Responses.bytes(data, contentType: type.contentType)
            response.headers[.cacheControl] = "private, max-age=86400"
            response.headers[.contentSecurityPolicy] = "default-src 'none'"
            return response
        }
    }
}
