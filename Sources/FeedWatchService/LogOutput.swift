import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// How log records are written: `text` for people, `json` (one object per line) for tools.
public enum LogFormat: String, Sendable, CaseIterable {
    case text
    case json
}

/// Where finished log lines go. Each call gets one complete line without its newline.
public protocol LogLineWriter: Sendable {
    func write(line: String)
}

/// Writes lines to standard error with one `write(2)` per line, so concurrent records never
/// interleave mid-line and nothing sits in a buffer when the process dies.
public struct StandardErrorWriter: LogLineWriter {
    public init() {}

    public func write(line: String) { writeLine(line, to: 2) }
}

/// Writes lines to standard output the same way: for commands whose log is their output
/// (`feedwatch demo`).
public struct StandardOutputWriter: LogLineWriter {
    public init() {}

    public func write(line: String) { writeLine(line, to: 1) }
}

/// One `write(2)` loop per line, retried on EINTR; a closed descriptor drops the line.
private func writeLine(_ line: String, to descriptor: Int32) {
    var bytes = Array(line.utf8)
    bytes.append(UInt8(ascii: "\n"))
    bytes.withUnsafeBytes { raw in
        guard let base = raw.baseAddress else { return }
        var offset = 0
        while offset < raw.count {
            let written = Glibc.write(descriptor, base + offset, raw.count - offset)
            if written < 0 {
                if errno == EINTR { continue }
                return
            }
            offset += written
        }
    }
}

/// Whether standard error is connected to the systemd journal: systemd sets `JOURNAL_STREAM` to
/// the device and inode of the stream it gave us; if fd 2 is still that stream, lines may carry
/// the `<N>` priority prefix that journald turns into the record's priority.
public enum JournalStream {
    public static func isStandardErrorJournal(environment: [String: String] = ProcessInfo.processInfo.environment) -> Bool {
        guard let value = environment["JOURNAL_STREAM"] else { return false }
        let parts = value.split(separator: ":")
        guard parts.count == 2, let device = UInt64(parts[0]), let inode = UInt64(parts[1]) else { return false }
        var info = stat()
        guard fstat(2, &info) == 0 else { return false }
        return UInt64(info.st_dev) == device && UInt64(info.st_ino) == inode
    }
}
