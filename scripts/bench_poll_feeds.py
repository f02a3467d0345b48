"""Writes N feeds x M items for scripts/bench-poll.sh: RSS 2.0 with 300-1500-byte HTML
descriptions, categories, authors and dates, like a real news outlet's feed."""
import os
import random
import sys

folder, feeds, items = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
os.makedirs(folder, exist_ok=True)
rng = random.Random(7)
words = ("government talks market council minister city police report weather election economy trade energy "
         "company school hospital court museum festival league team coach season train airport storm river").split()


def sentence(n):
    return " ".join(rng.choice(words) for _ in range(n))


for f in range(feeds):
    parts = [f'<?xml version="1.0" encoding="UTF-8"?><rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/">'
             f"<channel><title>Outlet {f}</title><link>https://outlet{f}.example/</link><description>News {f}</description>"]
    for i in range(items):
        size = rng.randint(300, 1500)
        body = ""
        while len(body) < size:
            body += f"<p>{sentence(12)} &amp; {sentence(5)}.</p>"
        parts.append(
            f"<item><title>{sentence(9)}</title><link>https://outlet{f}.example/story/{i}</link>"
            f"<guid>https://outlet{f}.example/story/{i}</guid><pubDate>Mon, {1 + i % 28:02d} Mar 2025 {i % 24:02d}:{f % 60:02d}:00 GMT</pubDate>"
            f"<dc:creator>Reporter {i % 9}</dc:creator><category>{rng.choice(words)}</category><category>World</category>"
            f"<description><![CDATA[{body}]]></description></item>")
    parts.append("</channel></rss>")
    with open(os.path.join(folder, f"feed{f}.xml"), "w") as handle:
        handle.write("".join(parts))
