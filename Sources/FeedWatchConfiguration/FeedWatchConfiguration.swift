// FeedWatchConfiguration owns what the user writes down and the values it becomes: the YAML file
// read into `FeedWatchConfig` with file:line errors (`ConfigLoader`, `ConfigReader`), the settings
// values other modules take (`FeedSource`, `DedupSettings`, `Retention`, `DurationText`), the one
// feed-address rule (`FeedURL`), `--feeds-file` lists, `import-opml --append` edits, and the build's
// facts (`FeedWatch`: version, User-Agent, config file name). It is the lowest feedwatch module: it
// may import StoryMatching (terms and rules), HTTPFetching (`FetchPolicy`, libcurl's version),
// FeedParsing (OPML feeds, libxml2's version) and Yams, and nothing that stores, polls or runs.
