import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// Tells systemd how the service is doing, through the sd_notify datagram protocol on
/// `$NOTIFY_SOCKET`: `READY=1` once config, seeds and state are loaded, `STATUS=` lines for
/// `systemctl status`, `WATCHDOG=1` keep-alives, `RELOADING=1` and `STOPPING=1`. Without
/// `$NOTIFY_SOCKET` (not started by systemd, or not `Type=notify`) every call does nothing.
public struct SystemdNotifier: Sendable {
    /// Nil without a usable `$NOTIFY_SOCKET`: every call then does nothing.
    private let socket: UnixDatagramSocket?
    /// How often systemd expects `WATCHDOG=1` (half of `WATCHDOG_USEC`), when the watchdog is on
    /// for this process.
    public let watchdogInterval: Duration?

    public init(environment: [String: String] = ProcessInfo.processInfo.environment) {
        socket = environment["NOTIFY_SOCKET"].flatMap(UnixDatagramSocket.init(path:))
        let pidMatches = environment["WATCHDOG_PID"].map { Int32($0) == getpid() } ?? true
        if pidMatches, let usec = environment["WATCHDOG_USEC"].flatMap(Int64.init), usec > 0 {
            watchdogInterval = .microseconds(usec / 2)
        } else {
            watchdogInterval = nil
        }
    }

    /// Whether systemd is listening.
    public var isActive: Bool { socket != nil }

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
        _ = socket?.send(Array(message.utf8))
    }
}
