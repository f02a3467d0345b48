import CLibXML2
import Foundation

/// The libxml2 errors of one parse, and the workaround that keeps recovery mode useful.
///
/// It exists because libxml2 2.9 in recovery mode stops delivering entity and character
/// references once the document has had any error (`xmlParseReference` returns early while
/// `wellFormed == 0`), so one stray `&` would silently delete every later `&amp;`. The errors are
/// counted here instead, and `rearm` sets the flag again on each SAX event.
///
/// Not Sendable: `context` is the push parser of one `FeedBuilder.parse` call, used on its thread.
struct XMLErrorRecovery {
    /// The parser being driven; set only while `FeedBuilder.parse` runs.
    var context: xmlParserCtxtPtr?
    /// Errors libxml2 reported (it recovered from each).
    private(set) var errorCount = 0
    /// The first of them, as `line N: message`, for the warning and for "not XML" errors.
    private(set) var firstError: String?

    /// Lets libxml2 go on expanding references after an error (see the type's comment).
    @inline(__always)
    func rearm() {
        if errorCount > 0, let context { context.pointee.wellFormed = 1 }
    }

    mutating func record(_ error: xmlError) {
        errorCount += 1
        rearm()
        if firstError == nil, let message = error.message {
            let text = String(cString: message).trimmingCharacters(in: .whitespacesAndNewlines)
            firstError = "line \(error.line): \(text)"
        }
    }
}
