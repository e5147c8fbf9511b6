import HTTPTypes
@testable import Host
import HostTesting
import HummingbirdTesting
import Members
import PluginAPI
import PreSale
import AfterSale
import Consult
import Contracts
import Finance
import Settings
import Testing

@Suite("every registered route goes through the kernel")
struct AllRoutesAccessTests {
    static let modules: [any Module] = [SettingsModule(), MembersModule(), PreSaleModule(), ContractsModule(), FinanceModule(), ConsultModule(), AfterSaleModule()]

    /// The URL of a route with its `:parameters` filled in.
    static func url(_ module: any Module, _ spec: RouteSpec) -> String {
        let prefix = spec.mount == .api ? "/api/\(module.id)" : "/m/\(module.id)"
        let path = spec.path.split(separator: "/").map { $0.hasPrefix(":") ? "1" : String($0) }.joined(separator: "/")
        return prefix + (path.isEmpty ? "" : "/" + path)
    }

    @Test("anonymous: every page route redirects to the login page and every API route answers 401")
    func anonymous() async throws {
        let t = try await TestHost.make(modules: Self.modules)
        let routes = t.host.routes.filter { $0.spec.mount != .root }
        #expect(routes.count > 40)
        try await t.test { client in
            for (module, spec) in routes {
                let method = HTTPRequest.Method(rawValue: spec.method.rawValue)!
                let response = try await client.executeRequest(uri: Self.url(module, spec), method: method, headers: [:], body: nil)
                if spec.mount == .api {
                    #expect(response.status == .unauthorized, "\(spec.method.rawValue) \(Self.url(module, spec))")
                } else {
                    #expect(response.status == .seeOther && response.headers[.location]?.hasPrefix("/login") == true,
                            "\(spec.method.rawValue) \(Self.url(module, spec))")
                }
            }
        }
    }

    @Test("a logged-in user whose role holds no grant gets 403 on every route that requires a permission")
    func noGrant() async throws {
        let t = try await TestHost.make(modules: Self.modules)
        try await t.staff("nobody", role: try await t.role("无权限"))
        let routes = t.host.routes.filter { if case .requires = $0.spec.access { return true } else { return false } }
        try await t.test { client in
            var nobody = try await Browser.login(client, "nobody")
            for (module, spec) in routes {
                let url = Self.url(module, spec)
                let status = spec.method == .get ? try await nobody.get(url).status
                    : try await nobody.send(HTTPRequest.Method(rawValue: spec.method.rawValue)!, url).status
                #expect(status == .forbidden, "\(spec.method.rawValue) \(url) → \(status)")
            }
        }
    }
}
