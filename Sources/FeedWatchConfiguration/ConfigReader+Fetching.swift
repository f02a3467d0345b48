import HTTPFetching
import Yams

/// `feeds:` and `fetch:`: what is polled, and how the transfers are bounded.
extension ConfigReader {
    mutating func readFeeds(_ node: Node) -> [FeedSource] {
        guard let list = node.sequence else {
            fail(node, "feeds", "must be a list of feeds, each with name and url")
            return []
        }
        var feeds: [FeedSource] = []
        var seen = Set<String>()
        for (index, item) in list.enumerated() {
            let path = "feeds[\(index)]"
            guard let mapping = item.mapping else {
                fail(item, path, "each feed is a mapping with name, url and optionally interval")
                continue
            }
            let entries = entriesChecked(mapping, allowed: ["name", "url", "interval"], path: path)
            guard let urlEntry = entries["url"], let url = string(urlEntry.value, "\(path).url") else {
                if entries["url"] == nil { fail(item, "\(path).url", "missing: every feed needs a url") }
                continue
            }
            if let problem = FeedURL.problem(url) {
                fail(urlEntry.value, "\(path).url", problem)
                continue
            }
            if !seen.insert(url).inserted { fail(urlEntry.value, "\(path).url", "'\(url)' is listed twice") }
            let name = entries["name"].flatMap { string($0.value, "\(path).name") } ?? url
            let interval = entries["interval"].flatMap { self.interval($0.value, "\(path).interval") }
            feeds.append(FeedSource(name: name, url: url, interval: interval))
        }
        return feeds
    }

    mutating func readFetch(_ node: Node?) -> FetchPolicy {
        var policy = FetchPolicy(userAgent: FeedWatch.userAgent)
        guard let node else { return policy }
        guard let mapping = node.mapping else {
            fail(node, "fetch", "must be a mapping")
            return policy
        }
        let allowed: Set<String> = ["connect_timeout", "timeout", "max_body_bytes", "max_concurrent", "max_per_host", "max_redirects"]
        let entries = entriesChecked(mapping, allowed: allowed, path: "fetch")
        if let v = entries["connect_timeout"].flatMap({ duration($0.value, "fetch.connect_timeout", within: 1...300, why: "time allowed to connect") }) {
            policy.connectTimeout = Int(v.components.seconds)
        }
        if let v = entries["timeout"].flatMap({ duration($0.value, "fetch.timeout", within: 5...3600, why: "time allowed for a whole transfer") }) {
            policy.totalTimeout = Int(v.components.seconds)
        }
        if let v = entries["max_body_bytes"].flatMap({ count($0.value, "fetch.max_body_bytes", within: 1024...(1 << 30), why: "bytes a feed may have after decompression") }) {
            policy.maxBodyBytes = v
        }
        if let v = entries["max_concurrent"].flatMap({ count($0.value, "fetch.max_concurrent", within: 1...1024, why: "transfers in flight at once") }) {
            policy.maxConcurrent = v
        }
        if let v = entries["max_per_host"].flatMap({ count($0.value, "fetch.max_per_host", within: 1...64, why: "transfers in flight to one host") }) {
            policy.maxPerHost = v
        }
        if policy.totalTimeout < policy.connectTimeout, let entry = entries["timeout"] {
            fail(entry.value, "fetch.timeout", "must be at least fetch.connect_timeout (\(policy.connectTimeout) s): the whole transfer includes connecting")
        }
        if let v = entries["max_redirects"].flatMap({ count($0.value, "fetch.max_redirects", within: 0...20, why: "redirects followed, 0 for none") }) {
            policy.maxRedirects = v
        }
        return policy
    }
}
