import HTTPFetching

/// Facts about this build that appear in the User-Agent, `--version` and logs.
public enum FeedWatch {
    public static let version = "0.1.0"
    /// Sent with every request so publishers can see who is polling and how to reach the project.
    public static var userAgent: String {
        Curl.initializeOnce()
        return "feedwatch/\(version) (RSS/Atom monitor) libcurl/\(Curl.version)"
    }
    /// The config file name looked up in `/etc/feedwatch/` and then `./config/`.
    public static let configFileName = "feedwatch.yaml"
}
