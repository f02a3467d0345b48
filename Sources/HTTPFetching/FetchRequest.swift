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

    public init(status: Int, body: [UInt8], etag: String?, lastModified: String?,
                contentType: String?, effectiveURL: String) {
        self.status = status
        self.body = body
        self.etag = etag
        self.lastModified = lastModified
        self.contentType = contentType
        self.effectiveURL = effectiveURL
    }

    /// The feed is unchanged since the validators we sent.
    public var notModified: Bool { status == 304 }
}
