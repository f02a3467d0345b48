import Foundation

/// The rule a feed's address must meet wherever a person writes one (`feeds:` in the config, the
/// `--feeds-file` list, `--feed` on the command line): an http:// or https:// URL with a host. In one place so that the config
/// and the list cannot come to disagree about what may be polled.
package enum FeedURL {
    /// Why `url` cannot be polled, as the message shown to the user; nil when it can.
    package static func problem(_ url: String) -> String? {
        let lower = url.lowercased()
        guard lower.hasPrefix("http://") || lower.hasPrefix("https://"), URL(string: url)?.host != nil else {
            return "'\(url)' is not an http:// or https:// URL"
        }
        return nil
    }
}
