// swift-tools-version: 6.1
import PackageDescription

let swiftSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
]

let package = Package(
    name: "Signaal",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "signaal", targets: ["signaal"]),
    ],
    dependencies: [
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-auth.git", from: "2.5.0"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache.git", from: "2.1.0"),
        .package(url: "https://github.com/hummingbird-project/swift-openapi-hummingbird.git", from: "2.1.0"),
        .package(url: "https://github.com/apple/swift-openapi-generator.git", from: "1.14.0"),
        .package(url: "https://github.com/apple/swift-openapi-runtime.git", from: "1.13.0"),
        .package(url: "https://github.com/groue/GRDB.swift.git", from: "7.10.0"),
        .package(url: "https://github.com/vapor/postgres-nio.git", from: "1.33.0"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.0"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.0"),
        .package(url: "https://github.com/apple/swift-metrics.git", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.4.0"),
        .package(url: "https://github.com/apple/swift-crypto.git", "3.12.0"..<"5.0.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.6.0"),
        .package(url: "https://github.com/swift-server/async-http-client.git", from: "1.37.0"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.81.0"),
        .package(url: "https://github.com/apple/swift-nio-ssl.git", from: "2.29.0"),
    ],
    targets: [
        .target(
            name: "SignaalDomain",
            resources: [.copy("Resources/common-passwords.txt")],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "DutchText",
            resources: [.copy("Resources/lexicon"), .copy("Resources/topics.json"), .copy("Resources/model.json")],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "SignaalChannels",
            dependencies: ["SignaalDomain", .product(name: "Crypto", package: "swift-crypto")],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "SignaalOutbound",
            dependencies: [
                "SignaalDomain", "SignaalChannels",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "SignaalStore",
            // DutchText's `Diacritics`: a customer's name is searched with its accents folded.
            dependencies: ["SignaalDomain", "DutchText", .product(name: "Crypto", package: "swift-crypto")],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "SignaalStoreSQLite",
            dependencies: [
                // DutchText's stemmer: SQLite has no Dutch stemming of its own (PostgreSQL has).
                "SignaalDomain", "SignaalStore", "DutchText",
                .product(name: "GRDB", package: "GRDB.swift"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "SignaalStorePostgres",
            dependencies: [
                // DutchText's `Diacritics`: search folds the same letters as on SQLite.
                "SignaalDomain", "SignaalStore", "DutchText",
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "SignaalServices",
            // SignaalChannels' `ReplyTarget`: a reply is written only where it can be sent.
            dependencies: ["SignaalDomain", "SignaalStore", "SignaalChannels", "DutchText", .product(name: "Crypto", package: "swift-crypto")],
            resources: [.copy("Resources/demo")],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "SignaalApp",
            dependencies: [
                "SignaalDomain", "SignaalStore", "SignaalStoreSQLite", "SignaalStorePostgres", "SignaalServices", "DutchText",
                "SignaalChannels", "SignaalOutbound",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "HummingbirdAuth", package: "hummingbird-auth"),
                .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "OpenAPIRuntime", package: "swift-openapi-runtime"),
                .product(name: "OpenAPIHummingbird", package: "swift-openapi-hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            resources: [.copy("Resources"), .copy("openapi.yaml")],
            swiftSettings: swiftSettings,
            plugins: [.plugin(name: "OpenAPIGenerator", package: "swift-openapi-generator")]
        ),
        .executableTarget(
            name: "signaal-bench",
            dependencies: ["DutchText", "SignaalApp"],
            path: "Sources/signaal-bench",
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "signaal",
            dependencies: [
                "SignaalApp", "SignaalStoreSQLite",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                // Named, not reached through SignaalApp: `serve` runs the app as a service itself.
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                // To tell a port in use from other reasons the server stopped.
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "SignaalStoreTesting",
            dependencies: [
                "SignaalDomain", "SignaalStore", "SignaalStoreSQLite", "SignaalStorePostgres",
                .product(name: "PostgresNIO", package: "postgres-nio"),
            ],
            path: "Tests/SignaalStoreTesting",
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "DutchTextTests",
            dependencies: ["DutchText"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "SignaalChannelsTests",
            dependencies: ["SignaalChannels", "SignaalDomain"],
            exclude: ["Fixtures"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "SignaalOutboundTests",
            dependencies: [
                "SignaalOutbound", "SignaalChannels",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "SignaalDomainTests",
            dependencies: ["SignaalDomain"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "SignaalStoreTests",
            dependencies: [
                "SignaalStoreTesting", "SignaalStore", "SignaalDomain", "SignaalStoreSQLite", "SignaalStorePostgres",
                // To take a SQLite file back to an older schema, as an upgrade finds it.
                .product(name: "GRDB", package: "GRDB.swift"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "SignaalServicesTests",
            dependencies: ["SignaalServices", "SignaalStoreTesting", "SignaalDomain"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "SignaalAppTests",
            dependencies: [
                "SignaalApp", "SignaalOutbound", "SignaalStoreTesting",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
            ],
            swiftSettings: swiftSettings
        ),
    ],
    swiftLanguageModes: [.v6]
)
