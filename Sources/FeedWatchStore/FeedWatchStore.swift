// FeedWatchStore owns feedwatch's memory between polls behind one interface (`StateStore`) with two
// backends: `SQLiteStore` (GRDB, WAL; schema in `SQLiteSchema`), the default, one file in the state
// folder; and `PostgresStore` (libpq; schema in `PostgresSchema`), one database several instances
// share. Both keep what is remembered of each feed (`FeedState`: validators, failures, floor,
// relocation, retirement) and of each host's `Retry-After`, the items seen per feed, the judged
// reports and the events they form (`StoredReport`, `EventID`) with each alert's delivery, the term
// statistics, a poll's changes committed in one transaction (`CycleChanges`), pruning by
// `Retention`, and how instances share work (feed leases, alert claims, heartbeats). `StateStores`
// opens the one the config names. It may import FeedWatchConfiguration (`Retention`, `StoreSettings`,
// file error wording), StoryMatching (the terms and languages it stores), GRDB and CLibPQ; it knows
// nothing of fetching, judging or scheduling.
