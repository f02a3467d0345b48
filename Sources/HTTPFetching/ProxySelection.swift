import Foundation

/// Which proxy, if any, a feed's transfer goes through, chosen the way libcurl reads the usual
/// environment variables: `http_proxy` (lower case only, as libcurl does) for http,
/// `https_proxy`/`HTTPS_PROXY` for https, `all_proxy`/`ALL_PROXY` for both, and
/// `no_proxy`/`NO_PROXY` (comma-separated host names or domain suffixes, `*` for all) to go direct.
///
/// feedwatch decides once per transfer and pins the answer in libcurl, because the check against
/// private addresses depends on it: a direct connection is checked at the resolved address, while
/// through a proxy the only socket is the proxy's (which the operator chose), and the feed's name
/// is resolved by the proxy.
public enum ProxySelection {
    /// The proxy for `url`, or nil to connect directly.
    public static func proxy(for url: String, environment: [String: String]) -> String? {
        guard let components = URLComponents(string: url), let scheme = components.scheme?.lowercased(),
              let host = components.host.map(hostWithoutBrackets) else { return nil }
        let names = scheme == "https" ? ["https_proxy", "HTTPS_PROXY"] : scheme == "http" ? ["http_proxy"] : []
        let chosen = (names + ["all_proxy", "ALL_PROXY"]).lazy.compactMap { environment[$0] }.first { !$0.isEmpty }
        guard let chosen else { return nil }
        let exclusions = environment["no_proxy"] ?? environment["NO_PROXY"] ?? ""
        return excluded(host.lowercased(), by: exclusions) ? nil : chosen
    }

    /// Whether a `no_proxy` list names `host`: an exact match, a domain suffix (with or without a
    /// leading dot), or `*`.
    static func excluded(_ host: String, by list: String) -> Bool {
        for raw in list.split(separator: ",") {
            var entry = raw.trimmingCharacters(in: .whitespaces).lowercased()
            if entry == "*" { return true }
            if entry.hasPrefix(".") { entry.removeFirst() }
            entry = hostWithoutBrackets(entry)
            guard !entry.isEmpty else { continue }
            if host == entry || host.hasSuffix("." + entry) { return true }
        }
        return false
    }

    static func hostWithoutBrackets(_ host: String) -> String {
        host.hasPrefix("[") && host.hasSuffix("]") ? String(host.dropFirst().dropLast()) : host
    }
}
