import Foundation
import Yams

/// `store:`: a PostgreSQL database instead of the SQLite file in `state_dir`.
extension ConfigReader {
    /// `store: postgresql://…`, or a mapping with `url`, `password_file`, `instance`, `lease`
    /// and `claim`.
    mutating func readStore(_ node: Node?) -> StoreSettings? {
        guard let node else { return nil }
        if node.scalar != nil {
            guard let url = string(node, "store") else { return nil }
            return checkedURL(url, node: node).map { StoreSettings(url: $0) }
        }
        guard let mapping = node.mapping else {
            fail(node, "store", "must be a postgresql:// URL or a mapping with url, password_file and instance")
            return nil
        }
        let entries = entriesChecked(mapping, allowed: ["url", "password_file", "instance", "lease", "claim"], path: "store")
        guard let urlNode = entries["url"]?.value else {
            fail(node, "store.url", "missing: the PostgreSQL database, such as postgresql://feedwatch@db.example/feedwatch")
            return nil
        }
        guard let url = string(urlNode, "store.url").flatMap({ checkedURL($0, node: urlNode) }) else { return nil }
        var settings = StoreSettings(url: url)
        if let entry = entries["password_file"], let path = string(entry.value, "store.password_file") {
            settings.passwordFile = resolvePath(path)
        }
        if let entry = entries["instance"], let name = string(entry.value, "store.instance") {
            if name.isEmpty || name.count > 100 || name.contains(where: \.isNewline) {
                fail(entry.value, "store.instance", "must be a name of 1 to 100 characters on one line")
            } else {
                settings.instance = name
            }
        }
        if let entry = entries["lease"], let lease = duration(entry.value, "store.lease", within: 10...86_400,
                                                              why: "how long a poll's feeds stay leased to it; longer than a poll takes") {
            settings.lease = lease
        }
        if let entry = entries["claim"], let claim = duration(entry.value, "store.claim", within: 5...3600,
                                                              why: "how long a stored alert waits for its instance to write it") {
            settings.claim = claim
        }
        return settings
    }

    private mutating func checkedURL(_ url: String, node: Node) -> String? {
        guard StoreSettings.isPostgresURL(url), URLComponents(string: url)?.host != nil || url.contains("host=") else {
            fail(node, "store", "is not a PostgreSQL URL; write postgresql://user@host:5432/database (leave store out to keep the state in state_dir)")
            return nil
        }
        return url
    }
}
