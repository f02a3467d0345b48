import Foundation
import Synchronization

#if canImport(Glibc)
import Glibc
#endif

/// A small real HTTP/1.1 server on 127.0.0.1 for tests: it listens on a free port, answers each
/// request with a handler, records what it received, and closes every connection after one
/// response. Tests that exercise libcurl talk to it over real sockets.
public final class TestHTTPServer: Sendable {
    public struct Request: Sendable {
        public var method: String
        public var path: String
        /// Header names lower-cased.
        public var headers: [String: String]
    }

    public struct Response: Sendable {
        public var status: Int
        public var headers: [(String, String)]
        public var body: [UInt8]
        /// Seconds to wait before answering (for timeout tests).
        public var delay: Double
        /// After the body, keep sending this chunk, `chunkInterval` seconds apart, until the
        /// client hangs up (a trickling or an endless server). No Content-Length is sent.
        public var endlessChunk: [UInt8]?
        public var chunkInterval: Double

        public init(status: Int = 200, headers: [(String, String)] = [], body: [UInt8] = [], delay: Double = 0,
                    endlessChunk: [UInt8]? = nil, chunkInterval: Double = 0) {
            self.status = status
            self.headers = headers
            self.body = body
            self.delay = delay
            self.endlessChunk = endlessChunk
            self.chunkInterval = chunkInterval
        }

        public static func text(_ body: String, status: Int = 200, type: String = "application/xml",
                                headers: [(String, String)] = []) -> Response {
            Response(status: status, headers: [("Content-Type", type)] + headers, body: Array(body.utf8))
        }
    }

    public typealias Handler = @Sendable (Request) -> Response

    public let port: Int
    private let listener: Int32
    private let handler: Handler
    private let received = Mutex<[Request]>([])

    public init(handler: @escaping Handler) throws {
        self.handler = handler
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw ServerError(message: "socket() failed: \(errno)") }
        var yes: Int32 = 1
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &yes, socklen_t(MemoryLayout<Int32>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0, listen(fd, 64) == 0 else {
            close(fd)
            throw ServerError(message: "bind/listen on 127.0.0.1 failed: \(errno)")
        }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        port = Int(UInt16(bigEndian: address.sin_port))
        listener = fd
        let thread = Thread { [self] in acceptLoop() }
        thread.start()
    }

    deinit {
        shutdown(listener, Int32(SHUT_RDWR))
        close(listener)
    }

    /// Stops accepting connections.
    public func stop() {
        shutdown(listener, Int32(SHUT_RDWR))
    }

    public func url(_ path: String) -> String { "http://127.0.0.1:\(port)\(path)" }

    /// Every request received so far, in order.
    public var requests: [Request] { received.withLock { $0 } }

    public func requests(to path: String) -> [Request] { requests.filter { $0.path == path } }

    private func acceptLoop() {
        while true {
            let client = accept(listener, nil, nil)
            if client < 0 {
                if errno == EINTR { continue }
                return
            }
            let thread = Thread { [self] in serve(client) }
            thread.start()
        }
    }

    private func serve(_ client: Int32) {
        defer { close(client) }
        var data: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 4096)
        while !data.containsHeaderEnd {
            let n = read(client, &chunk, chunk.count)
            if n <= 0 { return }
            data.append(contentsOf: chunk[0..<n])
            if data.count > 1 << 20 { return }
        }
        let head = String(decoding: data, as: UTF8.self).components(separatedBy: "\r\n\r\n")[0]
        let lines = head.components(separatedBy: "\r\n")
        let requestLine = lines[0].split(separator: " ")
        guard requestLine.count >= 2 else { return }
        var headers: [String: String] = [:]
        for line in lines.dropFirst() {
            guard let colon = line.firstIndex(of: ":") else { continue }
            headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        let request = Request(method: String(requestLine[0]), path: String(requestLine[1]), headers: headers)
        received.withLock { $0.append(request) }
        let response = handler(request)
        if response.delay > 0 { Thread.sleep(forTimeInterval: response.delay) }
        var text = "HTTP/1.1 \(response.status) Status\r\n"
        var hasLength = false
        for (name, value) in response.headers {
            text += "\(name): \(value)\r\n"
            if name.lowercased() == "content-length" { hasLength = true }
        }
        if !hasLength && response.endlessChunk == nil { text += "Content-Length: \(response.body.count)\r\n" }
        text += "Connection: close\r\n\r\n"
        var bytes = Array(text.utf8)
        if request.method != "HEAD" { bytes += response.body }
        guard send(bytes, to: client) else { return }
        if let chunk = response.endlessChunk {
            // Until the client gives up (curl closing the socket makes the write fail).
            while send(chunk, to: client) {
                if response.chunkInterval > 0 { Thread.sleep(forTimeInterval: response.chunkInterval) }
            }
        }
    }

    private func send(_ bytes: [UInt8], to client: Int32) -> Bool {
        var offset = 0
        while offset < bytes.count {
            let n = bytes[offset...].withUnsafeBytes { Glibc.send(client, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            if n <= 0 { return false }
            offset += n
        }
        return true
    }

    /// A port on 127.0.0.1 with nothing listening (bound, then closed).
    public static func unusedPort() throws -> Int {
        let server = try TestHTTPServer { _ in Response() }
        let port = server.port
        server.stop()
        return port
    }
}

public struct ServerError: Error, CustomStringConvertible {
    public var message: String

    public init(message: String) {
        self.message = message
    }

    public var description: String { message }
}

extension [UInt8] {
    fileprivate var containsHeaderEnd: Bool {
        guard count >= 4 else { return false }
        for i in 0...(count - 4) where self[i] == 13 && self[i + 1] == 10 && self[i + 2] == 13 && self[i + 3] == 10 {
            return true
        }
        return false
    }
}
