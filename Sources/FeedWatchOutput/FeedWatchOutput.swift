// FeedWatchOutput owns what the commands print for a person or a tool, built from values the lower
// modules return: the `parse` JSON (`FeedJSON`), the summary `once` ends with (`PollSummary`), the
// `status` report with each feed's next poll (`StatusReport`), the `stories` listing
// (`StoryListing`) and `match --explain` (`StoryExplanation`). It writes nothing itself: the caller
// prints the text or JSON. It may import FeedWatchPipeline, FeedWatchStore, FeedWatchConfiguration,
// FeedParsing and StoryMatching; it does not import FeedWatchService (printing never needs the run
// loop), nor does the service import it.
