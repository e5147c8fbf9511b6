// swift-tools-version:6.1
import PackageDescription

// A Yuelao module in a package of its own: agency mixer events (联谊活动) with member sign-ups.
// It builds against the host's PluginAPI and Members' public API; the host compiles it in when its
// Package.swift names it in `customModules` (docs/modules.md, "An out-of-tree package").
let package = Package(
    name: "EventsModule",
    platforms: [.macOS(.v14)],
    products: [.library(name: "Events", targets: ["Events"])],
    dependencies: [
        // An agency's own package would point at its checkout of Yuelao, e.g. .package(url: "https://…/yuelao.git", branch: "main").
        .package(name: "Yuelao", path: "../.."),
    ],
    targets: [
        .target(name: "Events", dependencies: [
            .product(name: "PluginAPI", package: "Yuelao"),
            .product(name: "Members", package: "Yuelao"),
        ]),
        .testTarget(name: "EventsTests", dependencies: [
            "Events",
            .product(name: "PluginAPI", package: "Yuelao"),
            .product(name: "Members", package: "Yuelao"),
            .product(name: "Settings", package: "Yuelao"),
            .product(name: "HostTesting", package: "Yuelao"),
        ]),
    ]
)
