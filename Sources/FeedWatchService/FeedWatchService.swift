// FeedWatchService owns feedwatch as a running process: a config, seeds and state assembled into
// one runtime (`FeedWatchRuntime`, with the command-line overrides), the `run` loop as a
// swift-service-lifecycle service with SIGHUP reload (`PollerService`), systemd's notify and journal
// protocols over a unix datagram socket (`SystemdNotifier`, `JournalWriter`), and the swift-log
// backend every record goes through (`FeedWatchLogHandler` and its line writers). It is the top of
// the library modules: it may import FeedWatchPipeline, FeedWatchStore, FeedWatchConfiguration,
// FeedParsing, HTTPFetching, StoryMatching, swift-log, ServiceLifecycle and UnixSignals; nothing
// below imports it, and it does not import FeedWatchOutput.
