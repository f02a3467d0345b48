import FeedParsing
import Foundation
import Testing

/// Parses a file of Fixtures/ as `feedwatch parse` would, with an optional document URL and HTTP
/// Content-Type.
func parseFixture(_ name: String, url: String? = nil, contentType: String? = nil) throws -> Feed {
    let file = try #require(Bundle.module.url(forResource: name, withExtension: nil, subdirectory: "Fixtures"))
    return try FeedParser().parse([UInt8](try Data(contentsOf: file)), url: url, contentType: contentType)
}

/// A date as the `parse` JSON writes it.
func isoDate(_ date: Date?) -> String? { date.map(FeedDate.iso8601) }
