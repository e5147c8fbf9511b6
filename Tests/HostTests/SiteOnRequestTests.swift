import Foundation
import Testing

/// The site settings come with the request (`ModuleRequest.site`, read once by the pipeline at the request's version);
/// module code does not read them again. Background work without a request (a job) asks `HostServices.site`.
@Suite("site settings on the request")
struct SiteOnRequestTests {
    @Test("no request handler reads the site settings through the host again")
    func readOnce() throws {
        var offenders: [String] = []
        for folder in ["Plugins", "Sources"] {
            let root = MessageKeyTests.repo.appendingPathComponent(folder)
            guard let walk = FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil) else { continue }
            for case let url as URL in walk where url.pathExtension == "swift" {
                let text = try String(contentsOf: url, encoding: .utf8)
                if text.contains("req.host.site.all()") || text.contains("request.host.site.all()") { offenders.append(url.lastPathComponent) }
            }
        }
        #expect(offenders.sorted() == [])
    }
}
