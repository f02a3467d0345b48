import HTTPFetching

/// Why a feed failed in a poll, in the few groups a person acts on differently: the summary at
/// the end of `feedwatch once` counts feeds per reason, and a poll where every feed failed for a
/// network reason most likely ran on a machine without network.
public enum FeedFailure: Hashable, Sendable, Comparable {
    /// DNS could not resolve the feed's host.
    case hostNotFound
    /// Refused, reset, or TLS failed.
    case unreachable
    case timedOut
    /// The server answered with an error status.
    case httpStatus(Int)
    /// The host is on a loopback or private address, refused by default.
    case privateAddress
    /// The answer was not a feed, or could not be read as one.
    case notAFeed
    /// Too large, a bad redirect, or an unusable URL.
    case refused

    public init(_ error: FetchError) {
        switch error.kind {
        case .hostNotFound: self = .hostNotFound
        case .network, .cancelled: self = .unreachable
        case .timeout: self = .timedOut
        case let .httpStatus(status): self = .httpStatus(status)
        case .privateAddress: self = .privateAddress
        case .tooLarge, .badRedirect, .badURL: self = .refused
        }
    }

    /// A few words for the summary ("2 host not found").
    public var label: String {
        switch self {
        case .hostNotFound: return "host not found"
        case .unreachable: return "could not connect"
        case .timedOut: return "timed out"
        case let .httpStatus(status): return "HTTP \(status)"
        case .privateAddress: return "private address refused"
        case .notAFeed: return "not a feed"
        case .refused: return "refused (size, redirect or URL)"
        }
    }

    /// Whether the reason points at this machine's connection rather than at the feed.
    public var isNetwork: Bool {
        switch self {
        case .hostNotFound, .unreachable, .timedOut: return true
        default: return false
        }
    }
}
