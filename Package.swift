// swift-tools-version:6.1
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
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
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
                .product(name: "Mustache", package: "swift-mustache"),
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
        .target(name: "Finance", dependencies: ["PluginAPI", "Settings", "Members", "Contracts"], path: "Plugins/Finance"),
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
        .target(name: "Consult", dependencies: ["PluginAPI", "Kernel", "Settings", "Members"], path: "Plugins/Consult"),
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
