/// One feed to download, with the validators from its last successful fetch so an unchanged feed
/// costs the server (and us) a 304 instead of the whole document.
public struct FetchRequest: Sendable, Equatable {
    public var url: String
    public var etag: String?
    public var lastModified: String?

    public init(url: String, etag: String? = nil, lastModified: String? = nil) {
        self.url = url
        self.etag = etag
        self.lastModified = lastModified
    }
}

/// What a server answered with a 2xx or 304.
public struct FetchResponse: Sendable, Equatable {
    public var status: Int
    /// The decoded (gunzipped) body; empty for a 304.
    public var body: [UInt8]
    public var etag: String?
    public var lastModified: String?
    public var contentType: String?
    /// The URL after redirects.
    public var effectiveURL: String
    /// The status of each redirect followed, in order (empty when none).
    public var redirects: [Int]
    /// `Cache-Control: max-age`, in seconds, when the server sent one.
    public var maxAge: Int?

    public init(status: Int, body: [UInt8], etag: String?, lastModified: String?,
                contentType: String?, effectiveURL: String, redirects: [Int] = [], maxAge: Int? = nil) {
        self.status = status
        self.body = body
        self.etag = etag
        self.lastModified = lastModified
        self.contentType = contentType
        self.effectiveURL = effectiveURL
        self.redirects = redirects
        self.maxAge = maxAge
    }

    /// Every redirect followed was permanent (301/308): the feed has moved, and the new URL
    /// should be used from now on. A 302/307 anywhere in the chain means it has not.
    public var movedPermanently: Bool {
        !redirects.isEmpty && redirects.allSatisfy { $0 == 301 || $0 == 308 }
    }

    /// The feed is unchanged since the validators we sent.
    public var notModified: Bool { status == 304 }
}
