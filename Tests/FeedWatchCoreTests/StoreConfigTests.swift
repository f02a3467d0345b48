import FeedWatchConfiguration
import Foundation
import Testing

@Suite("The store key: where the state lives")
struct StoreConfigTests {
    let base = "seeds_dir: .\ntopic:\n  yemen: [yemen]\n  russia: [russia]\n"

    @Test("Without store the state is SQLite in state_dir; a URL or a mapping selects PostgreSQL, with paths resolved")
    func forms() throws {
        #expect(try ConfigLoader.parse(base, file: "/tmp/f.yaml").store == nil)
        let plain = try ConfigLoader.parse(base + "store: postgresql://fw@db.example:5432/feeds\n", file: "/tmp/f.yaml")
        #expect(plain.store == StoreSettings(url: "postgresql://fw@db.example:5432/feeds"))
        let mapped = try ConfigLoader.parse(base + """
            store:
              url: postgres://fw@db.example/feeds?sslmode=require
              password_file: secret/pg
              instance: newsroom-a
              lease: 5m
              claim: 30s

            """, file: "/tmp/f.yaml")
        var expected = StoreSettings(url: "postgres://fw@db.example/feeds?sslmode=require", passwordFile: "/tmp/secret/pg",
                                     instance: "newsroom-a")
        expected.lease = .seconds(300)
        expected.claim = .seconds(30)
        #expect(mapped.store == expected)
    }

    @Test("A store that is not a PostgreSQL URL, a missing url, or a lease out of bounds is an error naming the line",
          arguments: [("store: /var/lib/feedwatch\n", "store", 5), ("store:\n  instance: a\n", "store.url", 6),
                      ("store:\n  url: postgresql://db.example/f\n  lease: 1s\n", "store.lease", 7),
                      ("store:\n  url: mysql://db.example/f\n", "store", 6)])
    func errors(_ text: String, key: String, line: Int) throws {
        let error = try #require(throws: ConfigErrors.self) { try ConfigLoader.parse(base + text, file: "/tmp/f.yaml") }
        #expect(error.errors.first?.key == key)
        #expect(error.errors.first?.line == line)
    }
}
