import ArgumentParser
import FeedWatchDemo
import Foundation

struct DemoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "See feedwatch at work in a few seconds: sample feeds polled twice, offline, no root needed.",
        discussion: """
            Serves three bundled sample feeds (English, Arabic and Russian; RSS and Atom) on 127.0.0.1, polls them \
            twice through the real pipeline with the config's rules and seeds, and prints the log: alerts, \
            duplicates (of a seed article and of an earlier alert) and poll summaries. Then it explains one alert \
            with `match --explain` and names the commands that run feedwatch for real. The state lives in a \
            temporary folder, removed at the end; the network and the configured feeds are never used.
            """)

    @Option(name: .long, help: "Config file whose rules and seeds judge the sample (default: /etc/feedwatch/feedwatch.yaml, else ./config/feedwatch.yaml).")
    var config: String?

    func run() async throws {
        do {
            try await DemoRun(configPath: config).run()
        } catch {
            StandardError.line("feedwatch demo: \(error.description)")
            throw ExitCode.failure
        }
    }
}
