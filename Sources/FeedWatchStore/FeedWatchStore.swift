// FeedWatchStore owns feedwatch's memory between polls: the SQLite state database (GRDB, WAL) with
// its schema and migrations (`StateSchema`), what it remembers of each feed (`FeedState`: validators,
// failures, floor, relocation, retirement) and of each host's `Retry-After`, the items seen per feed,
// the judged reports and the events they form (`StoredReport`, `EventID`), the term statistics, a
// poll's changes committed in one transaction (`CycleChanges`), and pruning by `Retention`. It may
// import FeedWatchConfiguration (`Retention`, file error wording), StoryMatching (the terms and
// languages it stores) and GRDB; it knows nothing of fetching, judging or scheduling.
