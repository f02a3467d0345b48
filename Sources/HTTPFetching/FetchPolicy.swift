import Foundation

/// Limits applied to every transfer. The defaults suit news feeds: small documents, served by
/// servers that may be slow, broken or hostile.
public struct FetchPolicy: Sendable, Equatable {
    /// Seconds allowed to establish a connection.
    public var connectTimeout: Int
    /// Seconds allowed for a whole transfer, redirects included.
    public var totalTimeout: Int
    /// A transfer slower than `lowSpeedBytesPerSecond` for `lowSpeedSeconds` is cut off, so a
    /// server trickling bytes cannot hold a slot for the whole timeout.
    public var lowSpeedBytesPerSecond: Int
    public var lowSpeedSeconds: Int
    /// Redirects followed at most (each must stay on http/https).
    public var maxRedirects: Int
    /// Body bytes accepted, counted after gzip/deflate decoding, so a compression bomb stops here.
    public var maxBodyBytes: Int
    /// Transfers in flight at once, and per host.
    public var maxConcurrent: Int
    public var maxPerHost: Int
    /// Allow feeds whose host resolves to loopback, private, link-local or unique-local addresses.
    public var allowPrivateNetworks: Bool
    public var userAgent: String
    /// Where proxy settings are read from (see `ProxySelection`): the process environment unless
    /// a caller (a test) passes its own, so no global state is touched.
    public var proxyEnvironment: [String: String]

    public init(connectTimeout: Int = 10, totalTimeout: Int = 60, lowSpeedBytesPerSecond: Int = 64,
                lowSpeedSeconds: Int = 20, maxRedirects: Int = 5, maxBodyBytes: Int = 16 << 20,
                maxConcurrent: Int = 32, maxPerHost: Int = 2, allowPrivateNetworks: Bool = false,
                userAgent: String = "feedwatch",
                proxyEnvironment: [String: String] = ProcessInfo.processInfo.environment) {
        self.connectTimeout = connectTimeout
        self.totalTimeout = totalTimeout
        self.lowSpeedBytesPerSecond = lowSpeedBytesPerSecond
        self.lowSpeedSeconds = lowSpeedSeconds
        self.maxRedirects = maxRedirects
        self.maxBodyBytes = maxBodyBytes
        self.maxConcurrent = maxConcurrent
        self.maxPerHost = maxPerHost
        self.allowPrivateNetworks = allowPrivateNetworks
        self.userAgent = userAgent
        self.proxyEnvironment = proxyEnvironment
    }
}
