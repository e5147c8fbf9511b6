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

extension Browser {
    /// Creates an API token named `name` on the profile page and returns it, read from the answer to the POST
    /// (the only place it is ever shown).
    public mutating func createAPIToken(name: String = "script") async throws -> String {
        let page = try await post("/m/core/profile/tokens", form: ["name": name]).text
        guard let range = page.range(of: "yl_[A-Za-z0-9_-]{20,}", options: .regularExpression) else { throw BrowserError("no token shown") }
        return String(page[range])
    }
}
