import Foundation
import Synchronization

#if canImport(Glibc)
import Glibc
#endif

/// The demo's web server: HTTP/1.1 on 127.0.0.1 at a port the kernel picks, answering GET with
/// the pages last published and closing each connection after one response. It exists so the
/// demo goes through the real fetcher (libcurl, the address policy, validators) without
/// touching the network; one thread accepts and answers in turn, which is plenty for a few
/// feeds.
final class LoopbackServer: Sendable {
    struct Page: Sendable {
        var contentType: String
        var body: [UInt8]
    }

    let port: Int
    private let listener: Int32
    private let pages = Mutex<[String: Page]>([:])

    init() throws(DemoError) {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw .server("cannot open a socket: \(Self.lastError())") }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0, listen(fd, 16) == 0 else {
            let reason = Self.lastError()
            close(fd)
            throw .server("cannot listen on 127.0.0.1: \(reason)")
        }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        port = Int(UInt16(bigEndian: address.sin_port))
        listener = fd
        Thread { [self] in acceptLoop() }.start()
    }

    /// Replaces what the server answers: path → page.
    func publish(_ pages: [String: Page]) {
        self.pages.withLock { $0 = pages }
    }

    func url(_ path: String) -> String { "http://127.0.0.1:\(port)\(path)" }

    /// Stops accepting; the accepting thread closes the socket on its way out.
    func stop() {
        shutdown(listener, Int32(SHUT_RDWR))
    }

    private func acceptLoop() {
        defer { close(listener) }
        while true {
            let client = accept(listener, nil, nil)
            if client < 0 {
                if errno == EINTR { continue }
                return
            }
            answer(client)
            close(client)
        }
    }

    private func answer(_ client: Int32) {
        // A client that stops sending cannot hold the only thread.
        var timeout = timeval(tv_sec: 5, tv_usec: 0)
        setsockopt(client, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        guard let path = Self.requestPath(client) else { return }
        let page = pages.withLock { $0[path] }
        var head = page == nil ? "HTTP/1.1 404 Not Found\r\n" : "HTTP/1.1 200 OK\r\n"
        let body = page?.body ?? Array("not found\n".utf8)
        head += "Content-Type: \(page?.contentType ?? "text/plain; charset=utf-8")\r\n"
        head += "Content-Length: \(body.count)\r\nConnection: close\r\n\r\n"
        Self.send(Array(head.utf8) + body, to: client)
    }

    /// The path of a GET request, read up to the end of its head (at most 64 KiB).
    private static func requestPath(_ client: Int32) -> String? {
        var data: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 4096)
        while !data.containsHeadEnd {
            let n = read(client, &chunk, chunk.count)
            guard n > 0, data.count < 65_536 else { return nil }
            data += chunk[0..<n]
        }
        let requestLine = String(decoding: data, as: UTF8.self).prefix { $0 != "\r" && $0 != "\n" }
        let parts = requestLine.split(separator: " ")
        guard parts.count >= 2, parts[0] == "GET" else { return nil }
        return String(parts[1])
    }

    private static func send(_ bytes: [UInt8], to client: Int32) {
        var offset = 0
        while offset < bytes.count {
            let written = bytes[offset...].withUnsafeBytes { Glibc.send(client, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            if written < 0 {
                if errno == EINTR { continue }
                return
            }
            offset += written
        }
    }

    private static func lastError() -> String { String(cString: strerror(errno)) }
}

private extension Array where Element == UInt8 {
    var containsHeadEnd: Bool {
        count >= 4 && indices.dropLast(3).contains { self[$0] == 13 && self[$0 + 1] == 10 && self[$0 + 2] == 13 && self[$0 + 3] == 10 }
    }
}
