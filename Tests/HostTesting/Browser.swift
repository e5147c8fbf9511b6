import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore

/// A logged-in (or anonymous) user of the in-process client: keeps cookies and the CSRF token like a browser would.
public struct Browser: Sendable {
    public let client: any TestClientProtocol
    public private(set) var cookies: [String: String] = [:]
    public private(set) var csrf: String = ""

    public init(_ client: any TestClientProtocol) { self.client = client }

    /// Logs in through the real login form; returns the browser with its session, or throws when the login fails.
    public static func login(_ client: any TestClientProtocol, _ login: String, _ password: String = "secret1") async throws -> Browser {
        var browser = Browser(client)
        let page = try await browser.get("/login")
        guard let token = Browser.hiddenValue("_csrf", in: page.text) else { throw BrowserError("no csrf on the login page") }
        let response = try await browser.post("/login", form: ["_csrf": token, "login": login, "password": password], csrf: false)
        guard response.status == .seeOther, browser.cookies["yl_sid"] != nil else {
            throw BrowserError("login of \(login) failed: \(response.status) \(response.text.prefix(200))")
        }
        let home = try await browser.get("/m/core/profile")
        browser.csrf = Browser.hiddenValue("_csrf", in: home.text) ?? ""
        return browser
    }

    public struct Page: Sendable {
        public let status: HTTPResponse.Status
        public let headers: HTTPFields
        public let text: String
        public var location: String? { headers[.location] }
    }

    var cookieHeader: String { cookies.map { "\($0.key)=\($0.value)" }.joined(separator: "; ") }

    mutating func remember(_ response: TestResponse) {
        for field in response.headers[values: .setCookie] {
            let pair = field.split(separator: ";", maxSplits: 1)[0].split(separator: "=", maxSplits: 1)
            guard pair.count == 2 || pair.count == 1 else { continue }
            let name = String(pair[0]).trimmingCharacters(in: .whitespaces)
            let value = pair.count == 2 ? String(pair[1]) : ""
            if value.isEmpty || field.contains("Max-Age=0") { cookies.removeValue(forKey: name) } else { cookies[name] = value }
        }
    }

    public mutating func get(_ uri: String, headers extra: HTTPFields = [:]) async throws -> Page {
        var headers = extra
        if !cookies.isEmpty { headers[.cookie] = cookieHeader }
        let response = try await client.executeRequest(uri: uri, method: .get, headers: headers, body: nil)
        remember(response)
        return Page(status: response.status, headers: response.headers, text: String(buffer: response.body))
    }

    /// Sends a request with any method and no body (for routes that must not exist, such as DELETE on the audit log).
    public mutating func send(_ method: HTTPRequest.Method, _ uri: String, headers extra: HTTPFields = [:]) async throws -> Page {
        var headers = extra
        if !cookies.isEmpty { headers[.cookie] = cookieHeader }
        let response = try await client.executeRequest(uri: uri, method: method, headers: headers, body: nil)
        remember(response)
        return Page(status: response.status, headers: response.headers, text: String(buffer: response.body))
    }

    /// The raw bytes of a GET (for images).
    public mutating func bytes(_ uri: String) async throws -> (status: HTTPResponse.Status, headers: HTTPFields, bytes: [UInt8]) {
        var headers: HTTPFields = [:]
        if !cookies.isEmpty { headers[.cookie] = cookieHeader }
        let response = try await client.executeRequest(uri: uri, method: .get, headers: headers, body: nil)
        remember(response)
        return (response.status, response.headers, Array(response.body.readableBytesView))
    }

    /// Posts a url-encoded form; the session's CSRF token is added unless `csrf` is false.
    public mutating func post(_ uri: String, form: [String: String] = [:], multi: [(String, String)] = [], csrf: Bool = true) async throws -> Page {
        var pairs = form.map { ($0.key, $0.value) } + multi
        if csrf, form["_csrf"] == nil { pairs.append(("_csrf", self.csrf)) }
        let body = pairs.map { "\(Browser.encode($0.0))=\(Browser.encode($0.1))" }.joined(separator: "&")
        var headers: HTTPFields = [.contentType: "application/x-www-form-urlencoded"]
        if !cookies.isEmpty { headers[.cookie] = cookieHeader }
        let response = try await client.executeRequest(uri: uri, method: .post, headers: headers, body: ByteBuffer(string: body))
        remember(response)
        return Page(status: response.status, headers: response.headers, text: String(buffer: response.body))
    }

    /// Posts a multipart form with one file.
    public mutating func postMultipart(_ uri: String, fields: [String: String], file: (name: String, filename: String, type: String, bytes: [UInt8])?) async throws -> Page {
        let boundary = "----yuelao\(UUID().uuidString)"
        var body = ByteBuffer()
        var all = fields
        all["_csrf"] = all["_csrf"] ?? csrf
        for (name, value) in all {
            body.writeString("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"\r\n\r\n\(value)\r\n")
        }
        if let file {
            body.writeString("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(file.name)\"; filename=\"\(file.filename)\"\r\nContent-Type: \(file.type)\r\n\r\n")
            body.writeBytes(file.bytes)
            body.writeString("\r\n")
        }
        body.writeString("--\(boundary)--\r\n")
        var headers: HTTPFields = [.contentType: "multipart/form-data; boundary=\(boundary)"]
        if !cookies.isEmpty { headers[.cookie] = cookieHeader }
        let response = try await client.executeRequest(uri: uri, method: .post, headers: headers, body: body)
        remember(response)
        return Page(status: response.status, headers: response.headers, text: String(buffer: response.body))
    }

    static func encode(_ s: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return s.addingPercentEncoding(withAllowedCharacters: allowed) ?? s
    }

    /// The value of the first hidden input named `name` in `html`.
    public static func hiddenValue(_ name: String, in html: String) -> String? {
        guard let range = html.range(of: "name=\"\(name)\" value=\"") else { return nil }
        let rest = html[range.upperBound...]
        guard let end = rest.firstIndex(of: "\"") else { return nil }
        return String(rest[..<end])
    }
}

public struct BrowserError: Error, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}
