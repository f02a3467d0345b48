import Foundation

/// Why a feed could not be downloaded, in words a user can act on.
public struct FetchError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Kind: Sendable, Equatable {
        /// The host name could not be resolved (DNS), which on a machine without network is what
        /// every feed reports.
        case hostNotFound
        /// The connection was refused or reset, or TLS failed.
        case network
        /// Connecting or the whole transfer took too long, or the server sent too slowly.
        case timeout
        /// The server answered with an HTTP error status.
        case httpStatus(Int)
        /// The body grew past the configured cap (counted after decompression).
        case tooLarge
        /// The host resolved to a loopback, private or link-local address, which is refused
        /// unless private networks are allowed.
        case privateAddress
        /// The URL or a redirect pointed at a scheme other than http/https, or redirects looped.
        case badRedirect
        /// The URL itself is not usable.
        case badURL
        /// The fetch was abandoned because the daemon is shutting down.
        case cancelled
    }

    public var kind: Kind
    public var message: String
    /// When a 429 or 503 said to come back (`Retry-After`, as seconds or an HTTP date).
    public var retryAfter: Date?

    public init(kind: Kind, message: String, retryAfter: Date? = nil) {
        self.kind = kind
        self.message = message
        self.retryAfter = retryAfter
    }

    public var description: String { message }
}
