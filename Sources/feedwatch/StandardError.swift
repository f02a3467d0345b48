import Foundation

/// Where a command tells the person at the terminal what went wrong: one line on stderr, kept
/// apart from stdout, which carries the command's output (JSON a script may read).
enum StandardError {
    static func line(_ text: String) {
        FileHandle.standardError.write(Data("\(text)\n".utf8))
    }
}
