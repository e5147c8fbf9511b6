import Foundation
import Host
import HostTesting
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import Testing

/// Headers and cookies (ASVS V3.4, V8.2, V14.4).
@Suite("security headers and cookies")
struct SecurityHeadersTests {
    @Test("pages send a CSP without inline script; JSON answers send Cache-Control: no-store; plain HTTP sends no HSTS")
    func headers() async throws {
        let t = try await TestHost.make(modules: [])
        try await t.admin()
        try await t.test { client in
            let login = try await client.executeRequest(uri: "/login", method: .get, headers: [:], body: nil)
            let csp = login.headers[.contentSecurityPolicy] ?? ""
            #expect(csp.contains("script-src 'self'") && !csp.contains("unsafe-inline';") || csp.contains("style-src 'self' 'unsafe-inline'"))
            #expect(!csp.contains("script-src 'self' 'unsafe-inline'") && csp.contains("frame-ancestors 'none'"))
            #expect(!String(buffer: login.body).contains("<script>"))
            #expect(login.headers[HTTPField.Name("Strict-Transport-Security")!] == nil)
            var admin = try await Browser.login(client, "admin")
            let api = try await admin.get("/api/core/me")
            #expect(api.headers[.cacheControl] == "no-store")
            #expect(api.text.contains("\"login\":\"admin\""))
            let page = try await admin.get("/m/core/audit")
            #expect(page.headers[.cacheControl] == "no-store")
            let css = try await client.executeRequest(uri: "/static/app.css", method: .get, headers: [:], body: nil)
            #expect(css.headers[.cacheControl] == "public, max-age=3600")
        }
    }

    @Test("with secure cookies the session cookie is __Host- prefixed and Secure, and HSTS is sent")
    func secureCookies() async throws {
        let t = try await TestHost.make(modules: []) { $0.secureCookies = true }
        try await t.admin()
        try await t.test { client in
            let page = try await client.executeRequest(uri: "/login", method: .get, headers: [:], body: nil)
            #expect(page.headers[HTTPField.Name("Strict-Transport-Security")!]?.hasPrefix("max-age=") == true)
            let pre = page.headers[values: .setCookie].first { $0.hasPrefix("__Host-yl_pre=") } ?? ""
            #expect(pre.contains("Secure") && pre.contains("Path=/") && !pre.contains("Domain"))
            let token = Browser.hiddenValue("_csrf", in: String(buffer: page.body)) ?? ""
            let form = "_csrf=\(token)&login=admin&password=secret1"
            let response = try await client.executeRequest(uri: "/login", method: .post,
                                                           headers: [.contentType: "application/x-www-form-urlencoded", .cookie: "__Host-yl_pre=\(token)"],
                                                           body: ByteBuffer(string: form))
            #expect(response.status == .seeOther)
            let session = response.headers[values: .setCookie].first { $0.hasPrefix("__Host-yl_sid=") } ?? ""
            #expect(session.contains("Secure") && session.contains("HttpOnly") && session.contains("Path=/"))
            let value = session.dropFirst("__Host-yl_sid=".count).prefix { $0 != ";" }
            let home = try await client.executeRequest(uri: "/", method: .get, headers: [.cookie: "__Host-yl_sid=\(value)"], body: nil)
            #expect(home.status == .ok)
            // The unprefixed name is not read when cookies are secure.
            let plain = try await client.executeRequest(uri: "/", method: .get, headers: [.cookie: "yl_sid=\(value)"], body: nil)
            #expect(plain.status == .seeOther)
        }
    }

    @Test("a configured metrics token is required from loopback too")
    func metricsTokenOnLoopback() async throws {
        let t = try await TestHost.make(modules: [])
        let app = Application(router: t.host.buildRouter(metrics: ShellTests.metrics), configuration: .init(address: .hostname("127.0.0.1", port: 0)))
        do {
            try await app.test(.live) { client in
                let anonymous = try await client.executeRequest(uri: "/metrics", method: .get, headers: [:], body: nil)
                #expect(anonymous.status == .forbidden)
                let ok = try await client.executeRequest(uri: "/metrics", method: .get,
                                                         headers: [.authorization: "Bearer metrics-token-for-tests"], body: nil)
                #expect(ok.status == .ok && String(buffer: ok.body).contains("yuelao_requests_total"))
            }
        } catch {
            await t.host.shutdown()
            throw error
        }
        await t.host.shutdown()
    }

    @Test("cookies are secure unless modules.yaml says otherwise; trusted proxies are read from the file")
    func secureByDefault() throws {
        let config = try ConfigLoader(available: []).parse("database: sqlite://x.sqlite\n", file: "modules.yaml")
        #expect(config.secureCookies && !config.secureCookiesSet)
        let explicit = try ConfigLoader(available: []).parse("server: { secure_cookies: false, trusted_proxies: [10.0.0.0/8] }\n", file: "modules.yaml")
        #expect(!explicit.secureCookies && explicit.secureCookiesSet && explicit.trustedProxies.trusts("10.2.3.4"))
        #expect(throws: ConfigErrors.self) { try ConfigLoader(available: []).parse("server: { trusted_proxies: [nonsense] }\n", file: "modules.yaml") }
    }
}
