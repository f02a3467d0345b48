import Foundation

/// What the store remembers about one feed between polls.
public struct FeedState: Sendable, Equatable {
    public var url: String
    public var etag: String?
    public var lastModified: String?
    public var lastAttemptAt: Date?
    public var lastSuccessAt: Date?
    public var lastError: String?
    public var consecutiveFailures: Int
    /// Where the feed lives now, after a permanent redirect (301/308) or autodiscovery.
    public var movedTo: String?
    /// When the server said the feed is gone (410); no more polls until the config or the user
    /// says otherwise.
    public var retiredAt: Date?
    /// The least time between polls the feed asked for (`<ttl>`, `Cache-Control: max-age`), at
    /// most a day.
    public var intervalFloor: Duration?
    /// When the feed last answered with a document that parsed (not a 304, not a failure): only
    /// such a read can show that an item has left the feed, which retention waits for.
    public var lastReadAt: Date?

    public init(url: String, etag: String? = nil, lastModified: String? = nil, lastAttemptAt: Date? = nil,
                lastSuccessAt: Date? = nil, lastError: String? = nil, consecutiveFailures: Int = 0,
                movedTo: String? = nil, retiredAt: Date? = nil, intervalFloor: Duration? = nil, lastReadAt: Date? = nil) {
        self.intervalFloor = intervalFloor
        self.lastReadAt = lastReadAt
        self.movedTo = movedTo
        self.retiredAt = retiredAt
        self.url = url
        self.etag = etag
        self.lastModified = lastModified
        self.lastAttemptAt = lastAttemptAt
        self.lastSuccessAt = lastSuccessAt
        self.lastError = lastError
        self.consecutiveFailures = consecutiveFailures
    }
}
