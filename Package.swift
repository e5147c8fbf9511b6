// swift-tools-version:6.1
import Foundation
import PackageDescription

let package = Package(
    name: "Yuelao",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "yuelao", targets: ["yuelao"]),
        .library(name: "PluginAPI", targets: ["PluginAPI"]),
    ],
    dependencies: [
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-auth", from: "2.5.0"),
        .package(url: "https://github.com/vapor/sql-kit", from: "3.36.0"),
        .package(url: "https://github.com/vapor/sqlite-kit", from: "4.5.2"),
        .package(url: "https://github.com/vapor/postgres-kit", from: "2.17.0"),
        .package(url: "https://github.com/vapor/multipart-kit", from: "4.7.1"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-metrics", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
        .package(url: "https://github.com/apple/swift-crypto", "3.0.0"..<"5.0.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
    ],
    targets: [
        // Pure permission decisions: role tree + grants -> answers. No I/O.
        .target(name: "Kernel"),
        // The contract every module compiles against.
        .target(
            name: "PluginAPI",
            dependencies: [
                "Kernel",
                .product(name: "SQLKit", package: "sql-kit"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // The host: config, loader, database, auth, web shell, CLI.
        .target(
            name: "Host",
            dependencies: [
                "Kernel", "PluginAPI",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdAuth", package: "hummingbird-auth"),
                .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
                .product(name: "SQLKit", package: "sql-kit"),
                .product(name: "SQLiteKit", package: "sqlite-kit"),
                .product(name: "PostgresKit", package: "postgres-kit"),
                .product(name: "MultipartKit", package: "multipart-kit"),
                .product(name: "Yams", package: "Yams"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
            ],
            resources: [.copy("Resources")]
        ),
        .target(name: "Settings", dependencies: ["PluginAPI"], path: "Plugins/Settings", resources: [.copy("Resources")]),
        .target(name: "Members", dependencies: ["PluginAPI", "Settings"], path: "Plugins/Members"),
        .target(name: "PreSale", dependencies: ["PluginAPI", "Settings", "Members"], path: "Plugins/PreSale"),
        .target(name: "Contracts", dependencies: ["PluginAPI", "Kernel", "Settings", "Members"], path: "Plugins/Contracts"),
        .target(name: "Finance", dependencies: ["PluginAPI", "Members", "Contracts"], path: "Plugins/Finance"),
        // Modules defined in YAML under modules.d/: the generic engine (pages, API, migrations from the definition).
        .target(
            name: "DeclarativeModules",
            dependencies: [
                "PluginAPI", "Kernel", "Settings", "Members",
                .product(name: "SQLKit", package: "sql-kit"),
                .product(name: "Yams", package: "Yams"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .executableTarget(name: "yuelao", dependencies: ["Host", "Settings", "Members", "PreSale", "Contracts", "Finance", "Consult", "AfterSale", "DeclarativeModules"]),
        .executableTarget(name: "yuelao-bench", dependencies: ["Host", "PluginAPI", "Settings", "Members", "PreSale", "Contracts", "Finance", "Consult", "AfterSale",
                                                       "DeclarativeModules"]),
        .target(name: "Consult", dependencies: ["PluginAPI", "Kernel", "Members"], path: "Plugins/Consult"),
        .target(name: "AfterSale", dependencies: ["PluginAPI", "Settings", "Members"], path: "Plugins/AfterSale"),
        // Tests
        .target(
            name: "HostTesting",
            dependencies: [
                "Host", "PluginAPI",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
            ],
            path: "Tests/HostTesting"
        ),
        .testTarget(name: "KernelTests", dependencies: ["Kernel"]),
        .testTarget(name: "HostTests", dependencies: ["Host", "HostTesting", "Settings", "Members", "PreSale", "Contracts", "Finance", "Consult", "AfterSale", .product(name: "HummingbirdTesting", package: "hummingbird")]),
        .testTarget(name: "MembersTests", dependencies: ["Members", "Settings", "HostTesting", "PluginAPI", .product(name: "HummingbirdTesting", package: "hummingbird")]),
        .testTarget(name: "PreSaleTests", dependencies: ["PreSale", "Members", "Settings", "HostTesting", "PluginAPI"]),
        .testTarget(name: "ContractsTests", dependencies: ["Contracts", "PreSale", "Members", "Settings", "HostTesting", "PluginAPI"]),
        .testTarget(name: "FinanceTests", dependencies: ["Finance", "Contracts", "PreSale", "Members", "Settings", "HostTesting", "PluginAPI",
                                                    .product(name: "HummingbirdTesting", package: "hummingbird")]),
        .testTarget(name: "AfterSaleTests", dependencies: ["AfterSale", "Contracts", "Members", "Settings", "HostTesting", "PluginAPI"]),
        .testTarget(name: "ConsultTests", dependencies: ["Consult", "Members", "Settings", "HostTesting", "PluginAPI"]),
        .testTarget(name: "DeclarativeModulesTests", dependencies: ["DeclarativeModules", "Members", "Settings", "HostTesting", "Host", "PluginAPI",
                                                               .product(name: "HummingbirdTesting", package: "hummingbird")]),
        .testTarget(name: "SettingsTests", dependencies: ["Settings", "HostTesting", "Host", .product(name: "HummingbirdTesting", package: "hummingbird")]),
    ]
)

// MARK: - Custom modules
//
// The one place where a module that is not built in is named (docs/modules.md, "Adding a module").
// An entry compiles the module into the `yuelao` executable and its tests into `swift test`:
//   .inTree("Points", type: "PointsModule")                   target Plugins/Points, tests Tests/PointsTests
//   .package(path: "../agency-events", product: "Events", type: "EventsModule")   a Swift package of its own
// `yuelao new-module <id>` adds its line above the marker. Evaluating this manifest rewrites
// Sources/yuelao/CustomModules.swift, the executable's list of these modules, when it is out of date.
let customModules: [CustomModule] = [
    .inTree("Points", type: "PointsModule"),
    .package(path: "Examples/EventsModule", product: "Events", type: "EventsModule", uses: ["Members", "Settings"],
             tests: "Examples/EventsModule/Tests/EventsTests"),
    // yuelao new-module: new entries above this line
]

/// One module compiled in besides the built-in ones.
struct CustomModule {
    enum Source { case inTree, path(String), url(String, from: Version) }
    /// Swift module name (the in-tree target, or the package's library product).
    var name: String
    /// The type conforming to `Module`.
    var type: String
    var source: Source
    /// Built-in targets it needs (for an in-tree module, also its dependencies).
    var uses: [String]
    /// Directory of its tests inside this repository, if any.
    var tests: String?

    static func inTree(_ name: String, type: String, uses: [String] = []) -> CustomModule {
        CustomModule(name: name, type: type, source: .inTree, uses: uses, tests: "Tests/\(name)Tests")
    }

    static func package(path: String, product: String, type: String, uses: [String] = [], tests: String? = nil) -> CustomModule {
        CustomModule(name: product, type: type, source: .path(path), uses: uses, tests: tests)
    }

    static func package(url: String, from version: Version, product: String, type: String) -> CustomModule {
        CustomModule(name: product, type: type, source: .url(url, from: version), uses: [], tests: nil)
    }

    /// How the executable and the tests name it.
    var dependency: Target.Dependency {
        switch source {
        case .inTree: .target(name: name)
        case .path(let path): .product(name: name, package: String(path.split(separator: "/").last ?? ""))
        case .url(let url, _):
            .product(name: name, package: { let last = String(url.split(separator: "/").last ?? ""); return last.hasSuffix(".git") ? String(last.dropLast(4)) : last }())
        }
    }
}

let manifestDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
func exists(_ path: String) -> Bool { FileManager.default.fileExists(atPath: manifestDirectory.appendingPathComponent(path).path) }
let testing: [Target.Dependency] = ["HostTesting", "PluginAPI", .product(name: "HummingbirdTesting", package: "hummingbird")]
for module in customModules {
    switch module.source {
    case .inTree:
        let path = "Plugins/\(module.name)"
        package.targets.append(.target(name: module.name, dependencies: ["PluginAPI"] + module.uses.map { .target(name: $0) }, path: path,
                                       resources: exists(path + "/Resources") ? [.copy("Resources")] : nil))
    case .path(let path): package.dependencies.append(.package(path: path))
    case .url(let url, let version): package.dependencies.append(.package(url: url, from: version))
    }
    if let tests = module.tests, exists(tests) {
        package.targets.append(.testTarget(name: "\(module.name)Tests", dependencies: [module.dependency] + module.uses.map { .target(name: $0) } + testing,
                                           path: tests))
    }
}
package.targets.first(where: { $0.name == "yuelao" })?.dependencies += ["PluginAPI"] + customModules.map(\.dependency)
// Libraries an out-of-tree module may build on: the built-in modules with a public API, and the test host.
package.products += [
    .library(name: "Settings", targets: ["Settings"]),
    .library(name: "Members", targets: ["Members"]),
    .library(name: "HostTesting", targets: ["HostTesting"]),
]

// The executable's list, generated (a build-tool plugin would be the usual tool, but SwiftPM 6.3 crashes planning a
// plugin in a package graph with the cycle an out-of-tree module brings: it depends on this package, which depends on it).
let registry = """
    // Generated from `customModules` in Package.swift whenever the manifest is evaluated: do not edit.
    import PluginAPI
    \(customModules.map { "import \($0.name)\n" }.joined())
    /// The modules compiled in besides the built-in ones.
    enum CustomModules {
        static let all: [any Module] = [\(customModules.map { "\($0.type)()" }.joined(separator: ", "))]
    }

    """
let registryURL = manifestDirectory.appendingPathComponent("Sources/yuelao/CustomModules.swift")
if (try? String(contentsOf: registryURL, encoding: .utf8)) != registry {
    try? registry.write(to: registryURL, atomically: true, encoding: .utf8)   // sandboxed on macOS: `swift build --disable-sandbox`
}

// docs/modules.md quotes compiled code; these tests fail when a quote no longer matches it.
package.targets.append(.testTarget(name: "GuideTests", dependencies: ["Host", "Settings", "Members"] + customModules.map(\.dependency),
                                   path: "Tests/GuideTests"))
