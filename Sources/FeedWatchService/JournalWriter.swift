import Foundation

/// Sends records to journald's native socket with structured fields, so alerts can be filtered
/// by field (`journalctl -u feedwatch FEEDWATCH_TAG=arms`). Every field uses the protocol's
/// binary form (name, newline, 64-bit little-endian length, value), so no value can break the
/// record apart whatever bytes a feed put in it.
public struct JournalWriter: Sendable {
    public static let defaultSocket = "/run/systemd/journal/socket"
    /// Nil when the path cannot be addressed: every record then falls back to stderr.
    private let socket: UnixDatagramSocket?

    public init(socketPath: String = JournalWriter.defaultSocket) {
        socket = UnixDatagramSocket(path: socketPath)
    }

    /// Sends one record; false when the journal did not take it (the caller falls back to stderr).
    public func send(_ fields: [(String, String)]) -> Bool {
        guard let socket else { return false }
        var datagram: [UInt8] = []
        for (name, value) in fields {
            datagram += Array(name.utf8)
            datagram.append(UInt8(ascii: "\n"))
            let bytes = Array(value.utf8)
            withUnsafeBytes(of: UInt64(bytes.count).littleEndian) { datagram += $0 }
            datagram += bytes
            datagram.append(UInt8(ascii: "\n"))
        }
        return socket.send(datagram)
    }
}
