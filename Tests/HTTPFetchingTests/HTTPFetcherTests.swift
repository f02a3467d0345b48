import Foundation
import HTTPFetching
import Testing
import TestSupport

/// gzip through the system's gzip(1), so the test serves real compressed bytes.
private func gzip(_ bytes: [UInt8]) throws -> [UInt8] {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/bin/gzip")
    process.arguments = ["-9", "-c"]
    let input = Pipe(), output = Pipe()
    process.standardInput = input
    process.standardOutput = output
    try process.run()
    let writer = Thread {
        input.fileHandleForWriting.write(Data(bytes))
        try? input.fileHandleForWriting.close()
    }
    writer.start()
    let data = output.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return [UInt8](data)
}

private let feedXML = "<rss version=\"2.0\"><channel><title>t</title></channel></rss>"
private let localPolicy = FetchPolicy(connectTimeout: 5, totalTimeout: 10, allowPrivateNetworks: true, userAgent: "feedwatch-test/1")

@Suite("Fetching through libcurl against a real local server")
struct HTTPFetcherTests {
    @Test("A 200 returns the body, validators and content type; the request names feedwatch")
    func ok() async throws {
        let server = try TestHTTPServer { _ in
            .text(feedXML, headers: [("ETag", "\"v1\""), ("Last-Modified", "Mon, 03 Mar 2025 07:29:00 GMT")])
        }
        let response = try await HTTPFetcher(policy: localPolicy).fetch(FetchRequest(url: server.url("/feed"))).get()
        #expect(response.status == 200)
        #expect(String(decoding: response.body, as: UTF8.self) == feedXML)
        #expect(response.etag == "\"v1\"")
        #expect(response.lastModified == "Mon, 03 Mar 2025 07:29:00 GMT")
        #expect(response.contentType == "application/xml")
        let request = try #require(server.requests.first)
        #expect(request.headers["user-agent"] == "feedwatch-test/1")
        #expect(request.headers["accept-encoding"]?.contains("gzip") == true)
    }

    @Test("Validators are sent back byte for byte and a 304 has no body")
    func conditionalGet() async throws {
        let server = try TestHTTPServer { request in
            request.headers["if-none-match"] == "W/\"a b\"" ? TestHTTPServer.Response(status: 304) : .text(feedXML)
        }
        let request = FetchRequest(url: server.url("/feed"), etag: "W/\"a b\"", lastModified: "Mon, 03 Mar 2025 07:29:00 GMT")
        let response = try await HTTPFetcher(policy: localPolicy).fetch(request).get()
        #expect(response.notModified)
        #expect(response.body.isEmpty)
        #expect(server.requests.first?.headers["if-modified-since"] == "Mon, 03 Mar 2025 07:29:00 GMT")
    }

    @Test("gzip bodies are decoded")
    func gzipDecoded() async throws {
        let compressed = try gzip(Array(feedXML.utf8))
        let server = try TestHTTPServer { _ in
            TestHTTPServer.Response(headers: [("Content-Type", "application/rss+xml"), ("Content-Encoding", "gzip")], body: compressed)
        }
        let response = try await HTTPFetcher(policy: localPolicy).fetch(FetchRequest(url: server.url("/gz"))).get()
        #expect(String(decoding: response.body, as: UTF8.self) == feedXML)
    }

    @Test("The body cap counts decompressed bytes, so a gzip bomb stops at the cap")
    func gzipBomb() async throws {
        let bomb = try gzip([UInt8](repeating: 0, count: 8 << 20))
        let server = try TestHTTPServer { _ in
            TestHTTPServer.Response(headers: [("Content-Encoding", "gzip")], body: bomb)
        }
        var policy = localPolicy
        policy.maxBodyBytes = 1 << 20
        let result = await HTTPFetcher(policy: policy).fetch(FetchRequest(url: server.url("/bomb")))
        #expect(bomb.count < 1 << 20)
        #expect(throws: FetchError.self) { try result.get() }
        if case let .failure(error) = result { #expect(error.kind == .tooLarge) }
    }

    @Test("A server trickling a byte at a time is cut off by the low-speed limit")
    func trickle() async throws {
        let server = try TestHTTPServer { _ in
            TestHTTPServer.Response(headers: [("Content-Type", "application/rss+xml")], body: Array("<rss>".utf8),
                                    endlessChunk: [0x20], chunkInterval: 0.5)
        }
        var policy = localPolicy
        policy.lowSpeedBytesPerSecond = 64
        policy.lowSpeedSeconds = 2
        let result = await HTTPFetcher(policy: policy).fetch(FetchRequest(url: server.url("/slow")))
        guard case let .failure(error) = result else { Issue.record("a trickling server was not cut off"); return }
        #expect(error.kind == .timeout)
        // Cut by the low-speed limit, not by the 10 s total timeout (libcurl's own words differ;
        // no wall-clock check, which a loaded machine would make flaky).
        #expect(error.message.contains("too slow"), "\(error.message)")
    }

    @Test("An endless body stops at the body cap")
    func endless() async throws {
        let server = try TestHTTPServer { _ in
            TestHTTPServer.Response(headers: [("Content-Type", "application/rss+xml")], body: Array("<rss>".utf8),
                                    endlessChunk: [UInt8](repeating: 0x20, count: 64 << 10))
        }
        var policy = localPolicy
        policy.maxBodyBytes = 2 << 20
        let result = await HTTPFetcher(policy: policy).fetch(FetchRequest(url: server.url("/endless")))
        guard case let .failure(error) = result else { Issue.record("an endless body was accepted"); return }
        #expect(error.kind == .tooLarge)
    }

    @Test("Redirects to file:// are refused and redirect loops stop at the limit")
    func redirects() async throws {
        let server = try TestHTTPServer { request in
            switch request.path {
            case "/to-file": return TestHTTPServer.Response(status: 302, headers: [("Location", "file:///etc/passwd")])
            case "/to-ftp": return TestHTTPServer.Response(status: 301, headers: [("Location", "ftp://127.0.0.1/feed")])
            case "/loop": return TestHTTPServer.Response(status: 302, headers: [("Location", "/loop")])
            case "/moved": return TestHTTPServer.Response(status: 301, headers: [("Location", "/feed")])
            default: return .text(feedXML)
            }
        }
        let fetcher = HTTPFetcher(policy: localPolicy)
        let results = await fetcher.fetch(["/to-file", "/to-ftp", "/loop", "/moved"].map { FetchRequest(url: server.url($0)) })
        for result in results.prefix(3) {
            guard case let .failure(error) = result else { Issue.record("expected a refused redirect"); continue }
            #expect(error.kind == .badRedirect)
        }
        let moved = try results[3].get()
        #expect(moved.effectiveURL == server.url("/feed"))
        #expect(server.requests(to: "/loop").count == 6)  // the request and 5 redirects
    }

    @Test("Loopback feeds are refused unless private networks are allowed")
    func privateAddresses() async throws {
        let server = try TestHTTPServer { _ in .text(feedXML) }
        var policy = localPolicy
        policy.allowPrivateNetworks = false
        let result = await HTTPFetcher(policy: policy).fetch(FetchRequest(url: server.url("/feed")))
        guard case let .failure(error) = result else {
            Issue.record("a loopback feed was fetched without --allow-private-networks")
            return
        }
        #expect(error.kind == .privateAddress)
        #expect(error.message.contains("127.0.0.1"))
        #expect(error.message.contains("--allow-private-networks"))
        #expect(server.requests.isEmpty)
    }

    @Test("HTTP errors, refused connections, timeouts and bad schemes are told apart")
    func failures() async throws {
        let server = try TestHTTPServer { request in
            request.path == "/slow" ? TestHTTPServer.Response(body: Array(feedXML.utf8), delay: 3) : .text("gone", status: 404)
        }
        var policy = localPolicy
        policy.totalTimeout = 1
        let closed = try TestHTTPServer.unusedPort()
        let results = await HTTPFetcher(policy: policy).fetch([
            FetchRequest(url: server.url("/missing")),
            FetchRequest(url: "http://127.0.0.1:\(closed)/feed"),
            FetchRequest(url: server.url("/slow")),
            FetchRequest(url: "ftp://127.0.0.1/feed"),
        ])
        let kinds = results.map { result -> FetchError.Kind? in
            if case let .failure(error) = result { return error.kind }
            return nil
        }
        #expect(kinds == [.httpStatus(404), .network, .timeout, .badURL])
    }

    @Test("Many feeds are fetched in one batch, results in request order")
    func batch() async throws {
        let server = try TestHTTPServer { request in .text("<rss><channel><title>\(request.path)</title></channel></rss>") }
        let paths = (0..<20).map { "/feed\($0)" }
        let results = await HTTPFetcher(policy: localPolicy).fetch(paths.map { FetchRequest(url: server.url($0)) })
        let bodies = try results.map { String(decoding: try $0.get().body, as: UTF8.self) }
        #expect(bodies == paths.map { "<rss><channel><title>\($0)</title></channel></rss>" })
    }

    @Test("A proxy from the environment carries the feed even on a private address; no_proxy goes direct; a private literal stays refused")
    func proxy() async throws {
        let proxy = try TestHTTPServer { _ in .text(feedXML) }
        var policy = localPolicy
        policy.allowPrivateNetworks = false
        policy.proxyEnvironment = ["http_proxy": proxy.url("")]
        let through = await HTTPFetcher(policy: policy).fetch(FetchRequest(url: "http://feeds.invalid/rss"))
        #expect(try through.get().status == 200)
        #expect(proxy.requests.map(\.path) == ["http://feeds.invalid/rss"])

        let literal = await HTTPFetcher(policy: policy).fetch(FetchRequest(url: "http://10.1.2.3/rss"))
        guard case let .failure(error) = literal else { Issue.record("a private literal address went through the proxy"); return }
        #expect(error.kind == .privateAddress)
        #expect(error.message.contains("10.1.2.3"))

        policy.proxyEnvironment["no_proxy"] = "example.org, .invalid"
        let direct = await HTTPFetcher(policy: policy).fetch(FetchRequest(url: "http://feeds.invalid/rss"))
        guard case .failure = direct else { Issue.record("a no_proxy host was fetched through the proxy"); return }
        #expect(proxy.requests.count == 1)
    }
}

@Suite("Proxy choice from the environment")
struct ProxySelectionTests {
    @Test("The scheme's variable, then all_proxy; HTTP_PROXY in capitals is ignored as libcurl does; no_proxy excludes", arguments: [
        ("http://a.example/f", ["http_proxy": "p1"], "p1"),
        ("http://a.example/f", ["HTTP_PROXY": "p1"], nil),
        ("https://a.example/f", ["HTTPS_PROXY": "p2"], "p2"),
        ("https://a.example/f", ["http_proxy": "p1"], nil),
        ("https://a.example/f", ["ALL_PROXY": "p3"], "p3"),
        ("http://a.example/f", ["http_proxy": "", "all_proxy": "p3"], "p3"),
        ("http://a.example/f", ["http_proxy": "p1", "no_proxy": "example"], nil),
        ("http://a.example/f", ["http_proxy": "p1", "no_proxy": "xample"], "p1"),
        ("http://a.example/f", ["http_proxy": "p1", "NO_PROXY": ".a.example"], nil),
        ("http://[::1]:8080/f", ["http_proxy": "p1", "no_proxy": "::1"], nil),
        ("http://b.example/f", ["http_proxy": "p1", "no_proxy": "*"], nil),
    ] as [(String, [String: String], String?)])
    func choice(url: String, environment: [String: String], expected: String?) {
        #expect(ProxySelection.proxy(for: url, environment: environment) == expected)
    }
}
