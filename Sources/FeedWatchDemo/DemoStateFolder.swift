import Dispatch
import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// The folder the demo keeps its state in: created new (`mkdtemp`, so it can be no one else's)
/// and removed at the end, also when the demo is interrupted with Ctrl-C, or its reader goes
/// away (`feedwatch demo | head`: SIGPIPE is ignored, so the demo finishes and cleans up). Only
/// this folder is ever removed.
final class DemoStateFolder {
    let path: String
    private let interrupts: [any DispatchSourceSignal]

    init() throws(DemoError) {
        let base = NSTemporaryDirectory()  // $TMPDIR, else /tmp/
        var template = Array((base.hasSuffix("/") ? base : base + "/").utf8CString.dropLast()) + Array("feedwatch-demo.XXXXXX".utf8CString)
        let created = template.withUnsafeMutableBufferPointer { buffer in
            buffer.baseAddress.flatMap { mkdtemp($0) }.map { String(cString: $0) }
        }
        guard let path = created else {
            throw .temporaryFolder("mkdtemp in \(base): \(String(cString: strerror(errno)))")
        }
        self.path = path
        signal(SIGPIPE, SIG_IGN)
        interrupts = [SIGINT, SIGTERM].map { signalNumber in
            signal(signalNumber, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: signalNumber, queue: .global())
            source.setEventHandler {
                try? FileManager.default.removeItem(atPath: path)
                exit(128 + signalNumber)
            }
            source.resume()
            return source
        }
    }

    /// Removes the folder and everything the demo wrote in it, and restores the signals.
    func remove() {
        for source in interrupts { source.cancel() }
        signal(SIGINT, SIG_DFL)
        signal(SIGTERM, SIG_DFL)
        signal(SIGPIPE, SIG_DFL)
        try? FileManager.default.removeItem(atPath: path)
    }
}
