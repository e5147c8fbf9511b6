import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore

extension Browser {
    /// Sends a JSON request as a page's script does: with the browser's cookies and `token` (the `_csrf` of the form the
    /// page carried, e.g. an anonymous visitor's) in `X-CSRF-Token`; no token header when `token` is nil.
    public mutating func json(_ method: HTTPRequest.Method, _ uri: String, body: String, token: String?) async throws -> Page {
        var headers: HTTPFields = [.contentType: "application/json", .accept: "application/json"]
        if !cookies.isEmpty { headers[.cookie] = cookieHeader }
        if let token, let name = HTTPField.Name("X-CSRF-Token") { headers[name] = token }
        let response = try await client.executeRequest(uri: uri, method: method, headers: headers, body: ByteBuffer(string: body))
        remember(response)
        return Page(status: response.status, headers: response.headers, text: String(buffer: response.body))
    }
}
