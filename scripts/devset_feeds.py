#!/usr/bin/env python3
"""Write the feeds of one of feedwatch's own dev-set files, round by round.

    python3 scripts/devset_feeds.py ITEMS.jsonl OUT_DIR

Writes OUT_DIR/round1/ and OUT_DIR/round2/ (round 2 repeats round 1's items, as a feed that keeps
its older items does), one file per outlet, and prints the file names, one per line. Outlets take
turns between three formats so the parser's paths are all exercised: RSS 2.0 with the summary in
<description> and the body in <content:encoded>, Atom 1.0 with <summary> and <content>, and
RSS 2.0 whose description is the summary as HTML paragraphs. Items are newest first, as in real
feeds. Only the Python standard library is used.
"""
import email.utils
import json
import re
import sys
import zlib
from pathlib import Path
from xml.sax.saxutils import escape


def slug(name):
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")


def rss_item(it, html_description):
    summary = f"<p>{escape(it['summary'])}</p>" if html_description else it["summary"]
    parts = [f"<title>{escape(it['title'])}</title>", f"<link>{escape(it['link'])}</link>",
             f"<guid isPermaLink=\"false\">{escape(it['id'])}</guid>", f"<pubDate>{it['published']}</pubDate>",
             f"<description>{escape(summary)}</description>"]
    if it.get("content"):
        body = "".join(f"<p>{escape(p.strip())}</p>" for p in it["content"].split("\n\n") if p.strip())
        parts.append(f"<content:encoded><![CDATA[{body}]]></content:encoded>")
    return "<item>" + "".join(parts) + "</item>"


def atom_entry(it):
    date = email.utils.parsedate_to_datetime(it["published"]).isoformat()
    link = escape(it["link"], {'"': "&quot;"})
    parts = [f"<title>{escape(it['title'])}</title>", f"<link href=\"{link}\"/>",
             f"<id>tag:devset,2025:{escape(it['id'])}</id>", f"<updated>{date}</updated>", f"<published>{date}</published>",
             f"<summary>{escape(it['summary'])}</summary>"]
    if it.get("content"):
        body = "".join(f"<p>{escape(p.strip())}</p>" for p in it["content"].split("\n\n") if p.strip())
        parts.append(f"<content type=\"html\">{escape(body)}</content>")
    return "<entry>" + "".join(parts) + "</entry>"


def document(outlet, lang, items):
    items = sorted(items, key=lambda it: email.utils.parsedate_to_datetime(it["published"]), reverse=True)
    site = f"https://{slug(outlet)}.example/"
    style = zlib.crc32(outlet.encode("utf-8")) % 3
    if style == 1:
        entries = "".join(atom_entry(it) for it in items)
        return ("atom", f"<?xml version=\"1.0\" encoding=\"utf-8\"?><feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"{lang}\">"
                        f"<title>{escape(outlet)}</title><id>{site}</id><link href=\"{site}\"/>"
                        f"<updated>2026-01-01T00:00:00Z</updated>{entries}</feed>")
    body = "".join(rss_item(it, style == 2) for it in items)
    return ("xml", "<?xml version=\"1.0\" encoding=\"UTF-8\"?><rss version=\"2.0\" "
                   "xmlns:content=\"http://purl.org/rss/1.0/modules/content/\"><channel>"
                   f"<title>{escape(outlet)}</title><link>{site}</link><description>{escape(outlet)}</description>"
                   f"<language>{lang}</language>{body}</channel></rss>")


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    items = [json.loads(l) for l in Path(sys.argv[1]).read_text(encoding="utf-8").splitlines() if l.strip()]
    out = Path(sys.argv[2])
    names = set()
    for round_number in (1, 2):
        folder = out / f"round{round_number}"
        folder.mkdir(parents=True, exist_ok=True)
        by_outlet = {it["feed"]: [] for it in items}
        for it in items:
            if it["round"] <= round_number:
                by_outlet[it["feed"]].append(it)
        for outlet, outlet_items in by_outlet.items():
            lang = next(it["lang"] for it in items if it["feed"] == outlet)
            ext, text = document(outlet, lang, outlet_items)
            name = f"{slug(outlet)}.{ext}"
            (folder / name).write_text(text, encoding="utf-8")
            names.add(name)
    print("\n".join(sorted(names)))


if __name__ == "__main__":
    main()
