import ArgumentParser
import FeedWatchConfiguration

/// The `feedwatch` command: a daemon that watches news feeds for Yemen–Russia stories.
@main
struct FeedWatchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "feedwatch",
        abstract: "Watch RSS/Atom feeds for new Yemen–Russia stories and alert in the system log.",
        discussion: """
            Alerts are written at NOTICE priority (journalctl -u feedwatch -p notice -f).
            The config file is /etc/feedwatch/feedwatch.yaml, else ./config/feedwatch.yaml.
            """,
        version: FeedWatch.versionDescription,
        subcommands: [RunCommand.self, OnceCommand.self, ParseCommand.self, MatchCommand.self, CheckConfigCommand.self, StatusCommand.self,
                      StoriesCommand.self, ImportOPMLCommand.self, DemoCommand.self]
    )
}
