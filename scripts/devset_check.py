#!/usr/bin/env python3
"""Validate one of feedwatch's own dev-set files (Tests/FeedWatchCLITests/Fixtures/devset/*.jsonl).

    python3 scripts/devset_check.py FILE [FILE ...]

The files use the schema of ../shared/devset/items.jsonl (its README is the labelling policy), so
../shared/devset/score.py scores them with --items FILE. Each file is its own stream: ids are
PREFIX001, PREFIX002 ... in stream order (ascending `published`), round-1 items come before round-2
items, and `dup_of` / `translation_of` name an earlier item of the same file or a seed id.
Outlets are free: an outlet is any `feed` name, and all of its items share one language.
Only the Python standard library is used; exit status 1 on any problem.
"""
import email.utils
import json
import re
import sys
from pathlib import Path
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

SEEDS = {"seed:000_e55f8f9d5176e97f", "seed:002_1dab60b311f82193"}
TAGS = ["diplomacy", "government", "houthis", "un", "military", "arms", "shipping", "economy"]
KINDS = {
    # duplicates
    "seed_copy": "duplicate", "seed_partial": "duplicate", "seed_rewrite": "duplicate",
    "translation_copy": "duplicate", "repeat": "duplicate", "rewrite": "duplicate",
    # alerts
    "seed_translation": "alert", "new": "alert", "translation": "alert",
    "same_actors_new_event": "alert", "same_week_other_event": "alert",
    # off topic
    "negative": "none", "hard_negative": "none",
}
REQUIRED = ["id", "round", "feed", "lang", "title", "summary", "link", "published", "expect", "dup_of",
            "translation_of", "tags", "kind", "note"]
TRACKING = {"fbclid", "gclid", "dclid", "yclid", "msclkid", "mc_cid", "mc_eid", "igshid", "_hsenc", "_hsmi"}
SCRIPT = {"ar": re.compile("[\u0600-\u06FF]"), "ru": re.compile("[\u0400-\u04FF]")}


def norm_link(u):
    s = urlsplit(u.strip())
    host = s.netloc.lower()
    host = host[4:] if host.startswith("www.") else host
    q = [(k, v) for k, v in parse_qsl(s.query, keep_blank_values=True)
         if not k.lower().startswith("utm_") and k.lower() not in TRACKING]
    return urlunsplit(("https", host, s.path.rstrip("/") or "/", urlencode(sorted(q)), ""))


def check(path):
    errs = []
    lines = [l for l in Path(path).read_text(encoding="utf-8").splitlines() if l.strip()]
    items = []
    for n, line in enumerate(lines, 1):
        try:
            items.append(json.loads(line))
        except json.JSONDecodeError as e:
            errs.append(f"line {n}: not JSON: {e}")
    if errs:
        return errs, items
    prefix = re.match(r"[a-z]+", items[0].get("id", "")).group(0) if items and re.match(r"[a-z]+", items[0].get("id", "")) else "?"
    by_id, links, outlet_lang = {}, {}, {}
    prev_t, prev_round = None, 1
    for n, it in enumerate(items, 1):
        where = it.get("id", f"line {n}")
        missing = [k for k in REQUIRED if k not in it]
        if missing:
            errs.append(f"{where}: missing {missing}")
            continue
        if it["id"] != f"{prefix}{n:03d}":
            errs.append(f"{where}: expected id {prefix}{n:03d} (ids number the stream in order)")
        if it["round"] not in (1, 2) or it["round"] < prev_round:
            errs.append(f"{where}: round must be 1 or 2, and round-2 items come after every round-1 item")
        prev_round = it["round"]
        if it["lang"] not in ("en", "ar", "ru"):
            errs.append(f"{where}: lang must be en, ar or ru")
        elif outlet_lang.setdefault(it["feed"], it["lang"]) != it["lang"]:
            errs.append(f"{where}: outlet {it['feed']!r} already publishes in {outlet_lang[it['feed']]}")
        text = it["title"] + " " + it["summary"]
        for lang, rx in SCRIPT.items():
            if it["lang"] == lang and not rx.search(text):
                errs.append(f"{where}: lang {lang} but no {lang} script in title/summary")
        if it["lang"] == "en" and any(rx.search(text) for rx in SCRIPT.values()):
            errs.append(f"{where}: lang en but Arabic or Cyrillic letters in title/summary")
        if KINDS.get(it["kind"]) != it["expect"]:
            errs.append(f"{where}: kind {it['kind']!r} does not go with expect {it['expect']!r} (kinds: {sorted(KINDS)})")
        try:
            t = email.utils.parsedate_to_datetime(it["published"])
            if t.tzinfo is None:
                raise ValueError("no time zone")
            if prev_t and t < prev_t:
                errs.append(f"{where}: published before the previous item (the file is in stream order)")
            prev_t = t
        except (TypeError, ValueError) as e:
            errs.append(f"{where}: published is not an RFC 822 date: {e}")
        u = urlsplit(it["link"])
        if u.scheme != "https" or not u.netloc.endswith(".example"):
            errs.append(f"{where}: link must be https://OUTLET.example/...")
        nl = norm_link(it["link"])
        if nl in links:
            errs.append(f"{where}: link collides with {links[nl]}")
        links[nl] = it["id"]
        if [t for t in TAGS if t in it["tags"]] != it["tags"]:
            errs.append(f"{where}: tags must be known and in the order {TAGS}")
        if (it["expect"] == "none") == bool(it["tags"]):
            errs.append(f"{where}: on-topic items have at least one tag, off-topic items none")
        d = it["dup_of"]
        if it["expect"] == "duplicate":
            if d in SEEDS:
                if it["lang"] != "en":
                    errs.append(f"{where}: seeds are English; a {it['lang']} copy points at the first translation")
            elif d in by_id:
                o = by_id[d]
                if o["expect"] != "alert":
                    errs.append(f"{where}: dup_of names the first report (an alert), not {d}")
                if o["lang"] != it["lang"]:
                    errs.append(f"{where}: dup_of {d} is in another language")
            else:
                errs.append(f"{where}: dup_of {d!r} is neither a seed id nor an earlier item")
        elif d is not None:
            errs.append(f"{where}: dup_of is only for duplicates")
        tr = it["translation_of"]
        if it["kind"] in ("translation", "seed_translation"):
            if tr not in by_id and tr not in SEEDS:
                errs.append(f"{where}: translation_of {tr!r} is neither a seed nor an earlier item")
        elif tr is not None:
            errs.append(f"{where}: translation_of is only for translation and seed_translation items")
        by_id[it["id"]] = it
    return errs, items


def main():
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    bad = False
    for path in sys.argv[1:]:
        errs, items = check(path)
        if errs:
            bad = True
            print(f"{path}: {len(errs)} problem(s)", *errs, sep="\n  ")
        else:
            counts = {}
            for it in items:
                key = (it["lang"], it["expect"])
                counts[key] = counts.get(key, 0) + 1
            table = ", ".join(f"{l}/{e} {n}" for (l, e), n in sorted(counts.items()))
            print(f"{path}: ok, {len(items)} items ({table})")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
