"""One update cycle of the Python library `reader` (make_reader, add_feed, update_feeds) over the
URLs in a file, for scripts/bench-poll.sh. Prints how many entries its database holds."""
import sys

from reader import make_reader

database, urls = sys.argv[1], [line.strip() for line in open(sys.argv[2]) if line.strip()]
reader = make_reader(database)
for url in urls:
    reader.add_feed(url, exist_ok=True)
reader.update_feeds(workers=16)
print("STORED", reader.get_entry_counts().total)
