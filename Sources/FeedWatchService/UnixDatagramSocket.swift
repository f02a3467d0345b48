import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// A unix datagram socket address and the one way systemd's two protocols use it: a fresh
/// socket per message, one `sendto`, close. sd_notify (`SystemdNotifier`) and journald's native
/// protocol (`JournalWriter`) differ only in what the datagram holds, so the address rules (an
/// absolute path, or `@name` in the abstract namespace; no longer than `sun_path`) live here once.
struct UnixDatagramSocket: Sendable {
    /// The bytes of `sun_path`: the path, or a NUL and then the name for the abstract namespace.
    private let address: [UInt8]

    /// Nil when `path` is neither absolute nor abstract (`@name`), or too long for `sun_path`:
    /// such a socket cannot be addressed, so nothing would ever be sent.
    init?(path: String) {
        guard path.hasPrefix("/") || path.hasPrefix("@") else { return nil }
        var bytes = Array(path.utf8)
        if bytes.first == UInt8(ascii: "@") { bytes[0] = 0 }
        guard bytes.count < MemoryLayout.size(ofValue: sockaddr_un().sun_path) else { return nil }
        address = bytes
    }

    /// Sends `datagram` in one piece; false when no socket could be made, or the receiver is absent
    /// or refused it (the callers decide whether that matters). Never raises SIGPIPE.
    func send(_ datagram: [UInt8]) -> Bool {
        let fd = socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        var socketAddress = sockaddr_un()
        socketAddress.sun_family = sa_family_t(AF_UNIX)
        withUnsafeMutableBytes(of: &socketAddress.sun_path) { raw in
            for (index, byte) in address.enumerated() { raw[index] = byte }
        }
        // A path is NUL-terminated; an abstract name is exactly its bytes.
        let length = socklen_t(MemoryLayout<sa_family_t>.size + address.count + (address.first == 0 ? 0 : 1))
        let sent = withUnsafePointer(to: &socketAddress) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { sockaddrPointer in
                datagram.withUnsafeBytes { sendto(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL), sockaddrPointer, length) }
            }
        }
        return sent == datagram.count
    }
}
