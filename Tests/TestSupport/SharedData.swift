import Foundation
import Testing

/// Whether `path` (under ../shared: the dev set, the corpus) is here. In CI (`CI=true`) its
/// absence is a recorded failure, never a silent skip; locally the test skips with a note.
public func sharedFolderAvailable(_ path: URL, sourceLocation: SourceLocation = #_sourceLocation) -> Bool {
    if FileManager.default.fileExists(atPath: path.path) { return true }
    if ProcessInfo.processInfo.environment["CI"] == "true" {
        Issue.record("\(path.path) is missing: CI must run with ../shared beside the checkout", sourceLocation: sourceLocation)
    } else {
        print("skipped: \(path.path) is missing")
    }
    return false
}
