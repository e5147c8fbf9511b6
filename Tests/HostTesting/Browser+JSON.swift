import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore

extension Browser {
    /// Sends a JSON API request with the session's cookies (and its CSRF token in `X-CSRF-Token` for anything but GET).
    public mutating func json(_ method: HTTPRequest.Method, _ uri: String, body: String? = nil) async throws -> Page {
        var headers: HTTPFields = [.contentType: "application/json", .accept: "application/json"]
        if !cookies.isEmpty { headers[.cookie] = cookieHeader }
        if method != .get, let name = HTTPField.Name("X-CSRF-Token") { headers[name] = csrf }
        let response = try await client.executeRequest(uri: uri, method: method, headers: headers, body: body.map { ByteBuffer(string: $0) })
        remember(response)
        return Page(status: response.status, headers: response.headers, text: String(buffer: response.body))
    }

    /// The body of a JSON answer as a dictionary (empty when it is not a JSON object).
    public static func object(_ page: Page) -> [String: Any] {
        (try? JSONSerialization.jsonObject(with: Data(page.text.utf8))) as? [String: Any] ?? [:]
    }
}
