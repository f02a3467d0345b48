import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// Sends records to journald's native socket with structured fields, so alerts can be filtered
/// by field (`journalctl -u feedwatch FEEDWATCH_TAG=arms`). Every field uses the protocol's
/// binary form (name, newline, 64-bit little-endian length, value), so no value can break the
/// record apart whatever bytes a feed put in it.
public struct JournalWriter: Sendable {
    public static let defaultSocket = "/run/systemd/journal/socket"
    private let path: String

    public init(socketPath: String = JournalWriter.defaultSocket) {
        path = socketPath
    }

    /// Sends one record; false when the journal did not take it (the caller falls back to stderr).
    public func send(_ fields: [(String, String)]) -> Bool {
        var datagram: [UInt8] = []
        for (name, value) in fields {
            datagram += Array(name.utf8)
            datagram.append(UInt8(ascii: "\n"))
            let bytes = Array(value.utf8)
            withUnsafeBytes(of: UInt64(bytes.count).littleEndian) { datagram += $0 }
            datagram += bytes
            datagram.append(UInt8(ascii: "\n"))
        }
        let fd = socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        let pathBytes = Array(path.utf8)
        guard pathBytes.count < 108 else { return false }
        withUnsafeMutableBytes(of: &address.sun_path) { raw in
            for (index, byte) in pathBytes.enumerated() { raw[index] = byte }
        }
        let sent = withUnsafePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { sockaddrPointer in
                datagram.withUnsafeBytes {
                    sendto(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL), sockaddrPointer, socklen_t(MemoryLayout<sockaddr_un>.size))
                }
            }
        }
        return sent == datagram.count
    }
}
