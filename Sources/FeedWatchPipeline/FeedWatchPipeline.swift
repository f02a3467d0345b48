// FeedWatchPipeline owns one poll, from the feeds that are due to a committed cycle: when each feed
// is due (`FeedSchedule`, `Backoff`, `DueFeeds`), the fetch windows, what an answer does to a feed
// (`FeedResponseRules`), item identity, the seed corpus, the story judge that tells a new event from
// one the user has (`StoryJudge`, shared with `feedwatch match` through `StoryCheck`), the order
// stories are judged in, and the records other tools read (`EventLog`, with `JSONValue` and
// `LogNull`), kept here because they record what the judge decides (`EventMatch`). It may import
// FeedWatchStore, FeedWatchConfiguration, FeedParsing, HTTPFetching, StoryMatching and swift-log's
// Logging API (never a log backend); it neither runs a loop nor prints.
