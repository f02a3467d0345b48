// swift-tools-version:6.1
import PackageDescription

let package = Package(
    name: "feedwatch",
    platforms: [.macOS(.v15)],
    // The one shipped product. feedwatch-bench is an executable target only: SwiftPM still builds
    // and runs it by name (`--product feedwatch-bench`, `swift run feedwatch-bench`), as it does
    // every executable target of the root package.
    products: [
        .executable(name: "feedwatch", targets: ["feedwatch"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
    ],
    // Imports run one way, each target's `dependencies` exactly the modules its files import:
    // FeedWatchConfiguration <- FeedWatchStore <- FeedWatchPipeline <- FeedWatchOutput, FeedWatchService
    // <- FeedWatchDemo, feedwatch (README: Architecture). Each FeedWatch* target says at the top of
    // Sources/<target>/<target>.swift what it owns and what it may import.
    targets: [
        // System libraries (headers + pkg-config), wrapped by small shims for variadic C APIs.
        .systemLibrary(
            name: "CCurl",
            pkgConfig: "libcurl",
            providers: [.apt(["libcurl4-openssl-dev"])]
        ),
        .systemLibrary(
            name: "CLibXML2",
            pkgConfig: "libxml-2.0",
            providers: [.apt(["libxml2-dev"])]
        ),
        .systemLibrary(
            name: "CLibPQ",
            pkgConfig: "libpq",
            providers: [.apt(["libpq-dev"])]
        ),

        // Bytes -> Feed values, through libxml2's streaming SAX2 push parser.
        .target(
            name: "FeedParsing",
            dependencies: ["CLibXML2"],
            // Run-time exclusivity checks off in release: the flag makes parsing 30% faster
            // (feedwatch-bench parsing, 14 runs each alternating with and without it, medians:
            // 48.6% of the bare SAX2 walk's speed with it, 37.3% without; 99.3 against 76.4 MB/s).
            // Safe because no access can overlap another at run time. Only class properties are
            // checked at run time here (the module has no global or static `var`, and its C callbacks
            // capture nothing), and those classes (FeedBuilder, DeclaredHTMLEntities, OPMLReader's
            // Collector) are used by one parse on one thread, called back by libxml2 from one
            // xmlParseChunk call. Overlap would need libxml2 to call back while a callback is still
            // running, and none calls into libxml2 other than xmlStopParser, which runs no callback;
            // `parse` holds no property access across xmlParseChunk; and where an access spans a
            // call (`readCDFAttributes(into: &itemDraft)`, `buffer.withBytes { ... }`), the callee
            // touches other properties only. Compile-time checks stay on; debug builds (the tests,
            // which pass with the checks) and scripts/fuzz.sh keep the run-time checks.
            swiftSettings: [.unsafeFlags(["-enforce-exclusivity=unchecked"], .when(configuration: .release))]
        ),
        // Requests -> responses through the libcurl multi interface.
        .target(name: "HTTPFetching", dependencies: ["CCurl"]),
        // Pure text normalization, keyword rules, tags and fingerprints.
        .target(name: "StoryMatching"),
        // The config file and the settings values it becomes (Sources/FeedWatchConfiguration/FeedWatchConfiguration.swift).
        .target(
            name: "FeedWatchConfiguration",
            dependencies: ["FeedParsing", "HTTPFetching", "StoryMatching", .product(name: "Yams", package: "Yams")]
        ),
        // The state: SQLite (GRDB) or PostgreSQL (libpq) (Sources/FeedWatchStore/FeedWatchStore.swift).
        .target(
            name: "FeedWatchStore",
            dependencies: ["FeedWatchConfiguration", "StoryMatching", "CLibPQ", .product(name: "GRDB", package: "GRDB.swift")]
        ),
        // One poll, its schedule and its records (Sources/FeedWatchPipeline/FeedWatchPipeline.swift).
        .target(
            name: "FeedWatchPipeline",
            dependencies: [
                "FeedWatchConfiguration", "FeedWatchStore", "FeedParsing", "HTTPFetching", "StoryMatching",
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // What commands print (Sources/FeedWatchOutput/FeedWatchOutput.swift).
        .target(
            name: "FeedWatchOutput",
            dependencies: ["FeedWatchConfiguration", "FeedWatchStore", "FeedWatchPipeline", "FeedParsing", "StoryMatching"]
        ),
        // The running process: runtime, run loop, systemd, log handler (Sources/FeedWatchService/FeedWatchService.swift).
        .target(
            name: "FeedWatchService",
            dependencies: [
                "FeedWatchConfiguration", "FeedWatchStore", "FeedWatchPipeline", "FeedParsing", "HTTPFetching", "StoryMatching",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
            ]
        ),
        // `feedwatch demo`: the bundled sample feeds, a loopback server, two polls.
        .target(
            name: "FeedWatchDemo",
            dependencies: [
                "FeedWatchConfiguration", "FeedWatchStore", "FeedWatchPipeline", "FeedWatchOutput", "FeedWatchService",
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .executableTarget(
            name: "feedwatch",
            dependencies: [
                "FeedWatchConfiguration", "FeedWatchStore", "FeedWatchPipeline", "FeedWatchOutput", "FeedWatchService",
                "FeedWatchDemo", "FeedParsing", "StoryMatching",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]
        ),

        // Benchmarks, each printed next to a reference measured in the same run (README: Benchmarks).
        // Not a product: built and run by name, never installed.
        .executableTarget(name: "feedwatch-bench", dependencies: ["FeedWatchConfiguration", "FeedWatchPipeline", "StoryMatching", "FeedParsing", "CLibXML2"]),

        // Test helpers: a real HTTP/1.1 server on 127.0.0.1 (POSIX sockets, one thread per
        // connection), a systemd notify listener, the check for ../shared, and the test config
        // with its seeds (Fixtures, read by path: the binary under test reads them as files).
        .target(name: "TestSupport", path: "Tests/TestSupport", exclude: ["Fixtures"]),
        .testTarget(
            name: "FeedParsingTests",
            dependencies: ["FeedParsing", "TestSupport"],
            resources: [.copy("Fixtures")]
        ),
        .testTarget(name: "StoryMatchingTests", dependencies: ["StoryMatching"]),
        // The store's suite, run against SQLite and a real PostgreSQL server (TestPostgres).
        .testTarget(
            name: "FeedWatchStoreTests",
            dependencies: ["FeedWatchStore", "FeedWatchConfiguration", "StoryMatching", "TestSupport"]
        ),
        .testTarget(name: "HTTPFetchingTests", dependencies: ["HTTPFetching", "TestSupport"]),
        .testTarget(
            name: "FeedWatchCoreTests",
            dependencies: [
                "FeedWatchConfiguration", "FeedWatchStore", "FeedWatchPipeline", "FeedWatchOutput", "FeedWatchService",
                "FeedParsing", "HTTPFetching", "StoryMatching", "TestSupport",
                .product(name: "Logging", package: "swift-log"),
            ],
            resources: [.copy("Fixtures")]
        ),
        .testTarget(
            name: "FeedWatchCLITests",
            // `feedwatch` is the one dependency not imported: the tests run its binary, and depending
            // on it makes SwiftPM build that binary first.
            dependencies: ["feedwatch", "TestSupport"],
            // The dev sets are read by path (the binary under test reads them as feeds).
            exclude: ["Fixtures"]
        ),
    ],
    swiftLanguageModes: [.v6]
)
