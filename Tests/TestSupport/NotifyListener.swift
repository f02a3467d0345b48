import Foundation
import Synchronization

#if canImport(Glibc)
import Glibc
#endif

/// A `NOTIFY_SOCKET` for tests: a Unix datagram socket in a temporary folder that records every
/// sd_notify message a child process sends.
public final class NotifyListener: Sendable {
    public let path: String
    private let fd: Int32
    /// Shared with the receiving thread, which must not hold `self`: it would keep the listener
    /// alive for ever, and `deinit` would never remove the socket file.
    private final class Inbox: Sendable {
        let messages = Mutex<[String]>([])
    }
    private let received = Inbox()

    public init() throws {
        path = NSTemporaryDirectory() + "fw-notify-\(UUID().uuidString.prefix(8)).sock"
        fd = socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue), 0)
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        let bytes = Array(path.utf8)
        withUnsafeMutableBytes(of: &address.sun_path) { raw in
            for (index, byte) in bytes.enumerated() { raw[index] = byte }
        }
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
        }
        guard fd >= 0, bound == 0 else { throw ServerError(message: "cannot bind \(path): \(errno)") }
        let socket = fd, inbox = received
        let thread = Thread {
            Self.receive(from: socket, into: inbox)
            // Closed here, after the last recv: closing in deinit could let a recv still under
            // way read whatever file reused the descriptor number.
            close(socket)
        }
        thread.start()
    }

    deinit {
        // Wakes the blocked recv with 0; the thread then closes the socket.
        shutdown(fd, Int32(SHUT_RDWR))
        unlink(path)
    }

    /// Every message so far (one per datagram).
    public var messages: [String] { received.messages.withLock { $0 } }

    private static func receive(from socket: Int32, into inbox: Inbox) {
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let n = recv(socket, &buffer, buffer.count, 0)
            if n <= 0 { return }
            let message = String(decoding: buffer[0..<n], as: UTF8.self)
            inbox.messages.withLock { $0.append(message) }
        }
    }
}
