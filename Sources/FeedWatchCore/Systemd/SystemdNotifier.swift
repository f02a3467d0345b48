import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// Tells systemd how the service is doing, through the sd_notify datagram protocol on
/// `$NOTIFY_SOCKET`: `READY=1` once config, seeds and state are loaded, `STATUS=` lines for
/// `systemctl status`, `WATCHDOG=1` keep-alives, `RELOADING=1` and `STOPPING=1`. Without
/// `$NOTIFY_SOCKET` (not started by systemd, or not `Type=notify`) every call does nothing.
public struct SystemdNotifier: Sendable {
    private let socketPath: [UInt8]?
    /// How often systemd expects `WATCHDOG=1` (half of `WATCHDOG_USEC`), when the watchdog is on
    /// for this process.
    public let watchdogInterval: Duration?

    public init(environment: [String: String] = ProcessInfo.processInfo.environment) {
        if let path = environment["NOTIFY_SOCKET"], !path.isEmpty, path.hasPrefix("/") || path.hasPrefix("@") {
            var bytes = Array(path.utf8)
            if bytes.first == UInt8(ascii: "@") { bytes[0] = 0 }  // abstract namespace
            socketPath = bytes
        } else {
            socketPath = nil
        }
        let pidMatches = environment["WATCHDOG_PID"].map { Int32($0) == getpid() } ?? true
        if pidMatches, let usec = environment["WATCHDOG_USEC"].flatMap(Int64.init), usec > 0 {
            watchdogInterval = .microseconds(usec / 2)
        } else {
            watchdogInterval = nil
        }
    }

    /// Whether systemd is listening.
    public var isActive: Bool { socketPath != nil }

    public func ready(status: String) { send("READY=1\nSTATUS=\(Self.clean(status))") }
    public func status(_ text: String) { send("STATUS=\(Self.clean(text))") }
    public func watchdog() { if watchdogInterval != nil { send("WATCHDOG=1") } }
    public func reloading() {
        var now = timespec()
        clock_gettime(CLOCK_MONOTONIC, &now)
        let usec = Int64(now.tv_sec) * 1_000_000 + Int64(now.tv_nsec) / 1000
        send("RELOADING=1\nMONOTONIC_USEC=\(usec)")
    }
    public func stopping() { send("STOPPING=1") }

    /// One line per assignment: a status can never inject another assignment.
    static func clean(_ text: String) -> String {
        String(text.unicodeScalars.map { $0 == "\n" || $0 == "\r" ? " " : Character($0) })
    }

    /// Sends one datagram; failures are ignored (systemd's own timeouts report a silent service).
    public func send(_ message: String) {
        guard let socketPath, socketPath.count < 108 else { return }
        let fd = socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard fd >= 0 else { return }
        defer { close(fd) }
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        withUnsafeMutableBytes(of: &address.sun_path) { raw in
            for (index, byte) in socketPath.enumerated() { raw[index] = byte }
        }
        let length = socklen_t(MemoryLayout<sa_family_t>.size + socketPath.count + (socketPath.first == 0 ? 0 : 1))
        let bytes = Array(message.utf8)
        _ = withUnsafePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { sockaddrPointer in
                bytes.withUnsafeBytes { sendto(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL), sockaddrPointer, length) }
            }
        }
    }
}
