import FeedParsing
import HTTPFetching

/// Facts about this build that appear in the User-Agent, `--version` and logs.
public enum FeedWatch {
    public static let version = "0.1.0"
    /// Sent with every request so publishers can see who is polling and how to reach the project.
    public static var userAgent: String {
        Curl.initializeOnce()
        return "feedwatch/\(version) (RSS/Atom monitor) libcurl/\(Curl.version)"
    }
    /// `feedwatch --version`: the libraries that fetch and parse are named with their run-time
    /// versions, since a bug report about a feed usually depends on them.
    public static var versionDescription: String {
        Curl.initializeOnce()
        return "feedwatch \(version) (libcurl \(Curl.version), libxml2 \(FeedParser.libxml2Version))"
    }
    /// The config file name looked up in `/etc/feedwatch/` and then `./config/`.
    public static let configFileName = "feedwatch.yaml"
}
