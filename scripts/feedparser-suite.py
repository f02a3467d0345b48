#!/usr/bin/env python3
"""Measures how often `feedwatch parse` agrees with feedparser's own test suite.

feedparser's suite (tests/ in its source distribution on PyPI) is a folder of feed documents, each
carrying its assertion in a leading comment (`Expect: not bozo and feed['title'] == '...'`). This
script evaluates the assertions whose fields map onto the `feedwatch parse` JSON contract against
that JSON, and reports agreement per suite folder. The suite itself stays outside the repository:

    pip download feedparser --no-binary :all: --no-deps -d /tmp/fp && tar xzf /tmp/fp/*.tar.gz -C /tmp/fp
    python3 -m venv /tmp/fp/venv && /tmp/fp/venv/bin/pip install /tmp/fp/feedparser-*/   # for its date parser
    /tmp/fp/venv/bin/python scripts/feedparser-suite.py /tmp/fp/feedparser-*/tests .build/debug/feedwatch

How an assertion maps (the rules are the whole point; they are printed with --rules):
- It is split at its top-level `and`. Conjuncts about the parse rather than the feed (`bozo`,
  `encoding`, `headers`, `namespaces`, `status`, `href`) are dropped: the contract reports
  damage on stderr, and not which encoding was detected. A case with nothing else left is out of
  scope, except `Expect: 1` ("does not crash"), which holds when `parse` exits without a signal.
- Every remaining field must have a counterpart in the contract (table FEED/ENTRY below), else
  the case is out of scope. Cases whose HTTP headers carry meaning `parse` cannot be given
  (a charset, Content-Language, a status or redirect) are out of scope; Content-Location is
  passed as `--url`, as it is the document's address.
- Where the contract deliberately differs, the expected value is mapped, not the assertion
  changed: titles compare with the expected title as plain text (tags removed, entities
  decoded, ASCII whitespace folded); dates compare as instants (the expected raw date string
  read by feedparser's own date parser); feedparser's `summary` (its summary, else its content)
  compares with the contract's `summary ?? content`; `version` names map to the contract's
  format names.

With --reference, feedparser's own result is projected onto the contract and run through the same
evaluation, which checks the mapping itself (it should agree on every in-scope case).
"""

import argparse
import ast
import calendar
import collections
import concurrent.futures
import html
import json
import os
import re
import subprocess
import sys
import time
import urllib.parse

DESCRIPTION = re.compile(rb"Description:\s*(.*?)\s*Expect:\s*(.*)\s*-->")
SKIP = re.compile(rb"SkipUnless:\s*(.*?)\n")
HEADER = re.compile(rb"^Header:\s+([^:]+):(.+)$", re.MULTILINE)

# Names whose conjuncts are about the parse, not the feed: dropped.
META_NAMES = {"bozo", "bozo_exception", "encoding", "headers", "namespaces", "status", "href", "feedparser"}
FUNCTIONS = {"len", "ord", "isinstance", "str", "int", "True", "False", "None"}

VERSIONS = {
    "rss090": "rss0.9x", "rss091n": "rss0.9x", "rss091u": "rss0.9x", "rss092": "rss0.9x",
    "rss093": "rss0.9x", "rss094": "rss0.9x", "rss20": "rss2.0", "rss10": "rss1.0",
    "rss": "rss2.0",  # RSS without a version: the contract documents it as read as RSS 2.0
    "atom10": "atom1.0", "atom03": "atom0.3", "atom02": "atom0.3", "atom01": "atom0.3",
    "atom": "atom1.0", "cdf": "cdf",
}

# feedparser path (indices as '#') -> contract field and how to compare it.
FEED = {
    ("title",): ("title", "plain"), ("title_detail", "value"): ("title", "plain"),
    ("subtitle",): ("subtitle", "markup"), ("tagline",): ("subtitle", "markup"), ("description",): ("subtitle", "markup"),
    ("subtitle_detail", "value"): ("subtitle", "markup"), ("tagline_detail", "value"): ("subtitle", "markup"),
    ("link",): ("link", "text"), ("language",): ("language", "text"), ("author",): ("author", "text"),
    ("updated",): ("updated", "datestr"), ("updated_parsed",): ("updated", "tuple"),
    ("modified",): ("updated", "datestr"), ("modified_parsed",): ("updated", "tuple"),
}
ENTRY = {
    ("title",): ("title", "plain"), ("title_detail", "value"): ("title", "plain"),
    ("summary",): ("summary|content", "markup"), ("description",): ("summary|content", "markup"),
    ("summary_detail", "value"): ("summary|content", "markup"),
    ("content", "#", "value"): ("content", "markup"),
    ("link",): ("link", "text"), ("id",): ("id", "text"), ("guid",): ("id", "text"),
    ("author",): ("author", "text"),
    ("published",): ("published", "datestr"), ("published_parsed",): ("published", "tuple"),
    ("issued",): ("published", "datestr"), ("issued_parsed",): ("published", "tuple"),
    ("updated",): ("updated|published", "datestr"), ("updated_parsed",): ("updated|published", "tuple"),
    ("modified",): ("updated|published", "datestr"), ("modified_parsed",): ("updated|published", "tuple"),
    ("category",): ("categories", "first"), ("tags",): ("categories", "tags"), ("tags", "#"): ("categories", "tags"),
    ("tags", "#", "term"): ("categories", "tags"),
    ("enclosures",): ("enclosures", "list"), ("enclosures", "#"): ("enclosures", "list"),
    ("enclosures", "#", "href"): ("enclosures", "list"), ("enclosures", "#", "url"): ("enclosures", "list"),
    ("enclosures", "#", "type"): ("enclosures", "list"), ("enclosures", "#", "length"): ("enclosures", "list"),
}


def plain(text):
    """The expected title as the contract carries titles: plain text."""
    if not isinstance(text, str):
        return text
    text = re.sub(r"<(/?[A-Za-z][^<>]*|!--.*?--|!\[CDATA\[.*?\]\])>", " ", text, flags=re.S)
    text = html.unescape(text)
    return re.sub(r"[ \t\r\n]+", " ", text).strip(" \t\r\n")


class OutOfScope(Exception):
    pass


# ---------- static scope analysis ----------

def chain(node):
    """(root name, path) for an access chain like entries[0]['tags'][1].term, else None."""
    path = []
    while True:
        if isinstance(node, ast.Subscript):
            key = node.slice
            if isinstance(key, ast.Constant) and isinstance(key.value, int):
                path.append("#")
            elif isinstance(key, ast.Constant) and isinstance(key.value, str):
                path.append(key.value)
            else:
                return None
            node = node.value
        elif isinstance(node, ast.Attribute):
            path.append(node.attr)
            node = node.value
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in ("get", "has_key") \
                and node.args and isinstance(node.args[0], ast.Constant):
            path.append(node.args[0].value)
            node = node.func.value
        elif isinstance(node, ast.Name):
            return node.id, tuple(reversed(path))
        else:
            return None


def classify(conjunct):
    """'meta' (dropped), 'mapped', or 'unmapped: <what>'."""
    names = {n.id for n in ast.walk(conjunct) if isinstance(n, ast.Name)}
    if names and names <= META_NAMES | FUNCTIONS and names & META_NAMES:
        return "meta"
    if names & META_NAMES:
        return "unmapped: " + ", ".join(sorted(names & META_NAMES)) + " beside a feed field"
    # Only whole access chains count: entries[0]['title_detail'] is a step of entries[0]['title_detail']['value'].
    inner = set()
    for node in ast.walk(conjunct):
        if isinstance(node, (ast.Subscript, ast.Attribute)):
            inner.add(id(node.value))
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
            inner.add(id(node.func))
            inner.add(id(node.func.value))
    for node in ast.walk(conjunct):
        if isinstance(node, (ast.Subscript, ast.Attribute, ast.Call)) and id(node) not in inner:
            found = chain(node)
            if found is None:
                continue
            root, path = found
            if root == "feed" and path and path not in FEED:
                return "unmapped: feed." + ".".join(p for p in path if p != "#")
            if root == "entries":
                entry_path = path[1:] if path[:1] == ("#",) else None
                if entry_path is None or (entry_path and entry_path not in ENTRY):
                    return "unmapped: entries[]." + ".".join(p for p in (entry_path or path) if p != "#")
    for name in names - FUNCTIONS:
        if name not in ("feed", "entries", "version"):
            return "unmapped: " + name
    return "mapped"


def conjuncts(tree):
    if isinstance(tree, ast.BoolOp) and isinstance(tree.op, ast.And):
        out = []
        for value in tree.values:
            out += conjuncts(value)
        return out
    return [tree]


# ---------- the environment built from contract JSON ----------

def parse_date(text):
    import feedparser.datetimes
    return feedparser.datetimes._parse_date(text)


def struct(iso):
    return time.gmtime(calendar.timegm(time.strptime(iso, "%Y-%m-%dT%H:%M:%SZ"))) if iso else None


class Plain(str):
    """Our title: equal to feedparser's title as it is, or as plain text."""
    def __eq__(self, other):
        return str.__eq__(self, other) or str.__eq__(self, plain(other))

    def __ne__(self, other):
        return not self.__eq__(other)

    __hash__ = str.__hash__


class Markup(str):
    """Our summary or content: the publisher's markup, which feedparser also sanitizes for display
    (unsafe elements, attributes and CSS removed, void elements written `<br />`). The contract
    keeps the markup and leaves sanitizing to whoever displays it, so either form agrees."""
    def __eq__(self, other):
        if str.__eq__(self, other):
            return True
        import feedparser.sanitizer
        return isinstance(other, str) and str.__eq__(feedparser.sanitizer._sanitize_html(str(self), "utf-8", "text/html"), other)

    def __ne__(self, other):
        return not self.__eq__(other)

    __hash__ = str.__hash__


class DateString(str):
    """Our ISO date; equal to a raw date string that means the same instant."""
    def __eq__(self, other):
        parsed = parse_date(other) if isinstance(other, str) else None
        return parsed is not None and tuple(parsed) == tuple(struct(str(self)))

    def __ne__(self, other):
        return not self.__eq__(other)

    __hash__ = str.__hash__


class Version(str):
    def __eq__(self, other):
        return str.__eq__(self, VERSIONS.get(other, other))

    def __ne__(self, other):
        return not self.__eq__(other)

    __hash__ = str.__hash__


class Record(dict):
    """feedparser's dict: attribute access, .get, KeyError for an absent field. A text field the
    contract carries reads '' when it is null: the contract has no empty strings (an empty element
    is absent), where feedparser keeps ''."""
    text_fields = {}

    def __missing__(self, key):
        if key in self.text_fields:
            return value(self.text_fields[key], "")
        raise KeyError(key)

    def has_key(self, key):
        return key in self

    def __getattr__(self, name):
        try:
            return self[name]
        except KeyError:
            raise AttributeError(name)


class Enclosure(Record):
    """feedparser names an enclosure's address `href`, and answers `url` for it too."""
    def __getitem__(self, key):
        return dict.__getitem__(self, "href" if key == "url" else key)


def value(kind, raw):
    if raw is None:
        return None
    return {"plain": Plain, "text": str, "markup": Markup, "datestr": DateString, "tuple": struct}.get(kind, lambda v: v)(raw)


class FeedRecord(Record):
    text_fields = {p[0]: kind for p, (_, kind) in FEED.items() if len(p) == 1 and kind in ("text", "plain", "markup")}


class EntryRecord(Record):
    text_fields = {p[0]: kind for p, (_, kind) in ENTRY.items() if len(p) == 1 and kind in ("text", "plain", "markup")}


def entry_env(item):
    record = EntryRecord()
    for path, (field, kind) in ENTRY.items():
        if len(path) != 1:
            continue
        if kind in ("first", "tags", "list"):
            continue
        raw = None
        for name in field.split("|"):
            raw = item.get(name)
            if raw is not None:
                break
        converted = value(kind, raw)
        if converted is not None:
            record[path[0]] = converted
    record["title_detail"] = Record(value=Plain(item.get("title") or ""))
    summary = item.get("summary") or item.get("content")
    if summary is not None:
        record["summary_detail"] = Record(value=Markup(summary))
    if item.get("content") is not None:
        record["content"] = [Record(value=Markup(item["content"]))]
    categories = item.get("categories") or []
    if categories:
        record["category"] = categories[0]
    record["tags"] = [Record(term=c) for c in categories]
    record["enclosures"] = [Enclosure(href=e.get("url"), type=e.get("type"),
                                      length=None if e.get("length") is None else str(e["length"]))
                            for e in item.get("enclosures") or []]
    for key in list(record["enclosures"]):
        for k in [k for k, v in key.items() if v is None]:
            del key[k]
    return record


def feed_env(doc):
    record = FeedRecord()
    for path, (field, kind) in FEED.items():
        if len(path) == 1 and doc.get(field) is not None:
            record[path[0]] = value(kind, doc[field])
    record["title_detail"] = Record(value=Plain(doc.get("title") or ""))
    if doc.get("subtitle") is not None:
        record["subtitle_detail"] = Record(value=Markup(doc["subtitle"]))
        record["tagline_detail"] = record["subtitle_detail"]
    return record


def evaluate(doc, expression):
    env = {"feed": feed_env(doc), "entries": [entry_env(i) for i in doc.get("items", [])],
           "version": Version(doc.get("format", ""))}
    try:
        return bool(eval(expression, {"__builtins__": {"len": len, "ord": ord, "isinstance": isinstance,
                                                       "str": str, "int": int}}, env))
    except (KeyError, IndexError, AttributeError, TypeError):
        return False


# ---------- running cases ----------

def runs_here(condition):
    """feedparser's runner skips a case whose SkipUnless condition fails (a missing codec or module)."""
    try:
        import feedparser
        return bool(eval(condition, {"feedparser": feedparser}))
    except Exception:
        return False


def headers_of(data):
    return {k.decode().strip().lower(): v.decode("utf-8", "replace").strip() for k, v in HEADER.findall(data)}


def case(path, suite):
    data = open(path, "rb").read()
    if "encoding" in os.path.relpath(path, suite).split(os.sep)[0]:
        head = data[:4]
        # feedparser's runner reads the comment of UTF-16/32 and EBCDIC documents after decoding.
        for mark, codec in ((b"\x4c\x6f\xa7\x94", "cp037"), (b"\x00\x00\xfe\xff", "utf-32"), (b"\xff\xfe\x00\x00", "utf-32"),
                            (b"\x00\x00\x00\x3c", "utf-32-be"), (b"\x3c\x00\x00\x00", "utf-32-le"),
                            (b"\x00\x3c\x00\x3f", "utf-16-be"), (b"\x3c\x00\x3f\x00", "utf-16-le"),
                            (b"\xfe\xff", "utf-16"), (b"\xff\xfe", "utf-16")):
            if head.startswith(mark):
                data = data.decode(codec).encode("utf-8")
                break
    found = DESCRIPTION.search(data)
    if not found:
        return None
    skip = SKIP.search(data)
    expression = found.group(2).decode("utf-8").strip()
    headers = headers_of(data)
    folder = os.path.relpath(os.path.dirname(path), suite)
    result = {"file": os.path.relpath(path, suite), "folder": folder, "expect": expression,
              "description": found.group(1).decode("utf-8", "replace")}
    if skip and not runs_here(skip.group(1).decode().strip()):
        result.update(scope="out", reason="SkipUnless does not hold here: " + skip.group(1).decode().strip())
        return result
    try:
        tree = ast.parse(expression, mode="eval").body
    except SyntaxError:
        result.update(scope="out", reason="unparsable assertion")
        return result
    parts = conjuncts(tree)
    kinds = [classify(p) for p in parts]
    kept = [ast.unparse(p) for p, k in zip(parts, kinds) if k == "mapped"]
    unmapped = [k[len("unmapped: "):] for k in kinds if k.startswith("unmapped")]
    if unmapped:
        result.update(scope="out", reason="a field the contract does not carry", field=unmapped[0])
    elif kept and all(re.fullmatch(r"\d+", k) for k in kept):
        result.update(scope="in", mapped="no crash")
    elif not kept:
        result.update(scope="out", reason="only bozo/encoding (not in the JSON contract)")
    else:
        meaningful = {k for k in headers if k not in ("content-location", "x-foo", "etag", "last-modified")}
        content_type = headers.get("content-type", "")
        if content_type and "charset" not in content_type.lower() and not content_type.lower().startswith("text/plain"):
            meaningful.discard("content-type")
        if meaningful:
            result.update(scope="out", reason="HTTP headers `parse` cannot be given: " + ", ".join(sorted(meaningful)))
        else:
            result.update(scope="in", mapped=" and ".join(kept))
    if "http" in folder or os.path.basename(path).startswith("http"):
        result["url"] = "http://127.0.0.1:8097/" + os.path.relpath(path, os.path.dirname(suite))
    if "content-location" in headers:
        result["url"] = urllib.parse.urljoin(result.get("url", ""), headers["content-location"])
    return result


def run_feedwatch(binary, path, url):
    command = [binary, "parse", path] + (["--url", url] if url else [])
    done = subprocess.run(command, capture_output=True, timeout=60)
    doc = None
    if done.returncode == 0:
        doc = json.loads(done.stdout)
    return done.returncode, doc, done.stderr.decode("utf-8", "replace")


def run_reference(path, url):
    import feedparser
    result = feedparser.parse(path, response_headers={"content-location": url} if url else None)
    iso = lambda t: time.strftime("%Y-%m-%dT%H:%M:%SZ", t) if t else None
    version = VERSIONS.get(result.get("version", ""), result.get("version", ""))
    feed = result.get("feed", {})
    doc = {"format": version, "title": plain(feed["title"]) if "title" in feed else None,
           "link": feed.get("link"), "subtitle": feed.get("subtitle") or feed.get("summary"), "language": feed.get("language"),
           "updated": iso(feed.get("updated_parsed")), "author": feed.get("author"), "items": []}
    for e in result.get("entries", []):
        content = e.get("content")
        doc["items"].append({
            "id": e.get("id"), "title": plain(e["title"]) if "title" in e else None, "link": e.get("link"),
            "published": iso(e.get("published_parsed")), "updated": iso(e.get("updated_parsed")),
            "summary": e.get("summary"), "content": content[0].get("value") if content else None,
            "author": e.get("author"), "categories": [t.get("term") for t in e.get("tags", [])],
            "enclosures": [{"url": x.get("href"), "type": x.get("type"), "length": x.get("length")}
                           for x in e.get("enclosures", [])]})
    return 0, doc, ""


def judge(result, binary, reference):
    if result["scope"] != "in":
        return result
    path = result["path"]
    try:
        code, doc, stderr = run_reference(path, result.get("url")) if reference else run_feedwatch(binary, path, result.get("url"))
    except subprocess.TimeoutExpired:
        result.update(agree=False, got="timeout")
        return result
    if result["mapped"] == "no crash":
        result.update(agree=code >= 0, got="exit %d" % code)
        return result
    if doc is None:
        result.update(agree=False, got="exit %d: %s" % (code, stderr.strip()[:200]))
        return result
    result.update(agree=evaluate(doc, result["mapped"]), got=json.dumps(doc, ensure_ascii=False)[:600])
    return result


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("suite", help="feedparser's tests/ folder")
    parser.add_argument("feedwatch", nargs="?", help="the feedwatch binary")
    parser.add_argument("--reference", action="store_true", help="judge feedparser itself (checks the mapping)")
    parser.add_argument("--show", default="", help="print misses in folders starting with this ('all' for every one)")
    parser.add_argument("--out-of-scope", action="store_true", help="list the out-of-scope cases and reasons")
    parser.add_argument("--json", help="write every case's result here")
    parser.add_argument("--jobs", type=int, default=2)
    args = parser.parse_args()
    suite = os.path.abspath(args.suite)
    cases = []
    for folder in ("encoding", "entities", "illformed", "wellformed"):
        for root, _, files in os.walk(os.path.join(suite, folder)):
            for name in sorted(files):
                if name.endswith(".xml"):
                    found = case(os.path.join(root, name), suite)
                    if found:
                        found["path"] = os.path.join(root, name)
                        cases.append(found)
    binary = os.path.abspath(args.feedwatch) if args.feedwatch else None
    if not args.reference and not binary:
        parser.error("give the feedwatch binary, or --reference")
    with concurrent.futures.ThreadPoolExecutor(max_workers=args.jobs) as pool:
        results = list(pool.map(lambda c: judge(c, binary, args.reference), cases))

    table = collections.OrderedDict()
    for r in sorted(results, key=lambda r: r["folder"]):
        top = r["folder"] if r["folder"].startswith("wellformed") else r["folder"].split(os.sep)[0]
        row = table.setdefault(top, [0, 0, 0])
        row[0] += 1
        if r["scope"] == "in":
            row[1] += 1
            row[2] += r.get("agree", False)
    print("| folder | cases | in scope | agree | agree % |")
    print("| --- | ---: | ---: | ---: | ---: |")
    total = [0, 0, 0]
    for folder, (count, scope, agree) in table.items():
        total = [total[0] + count, total[1] + scope, total[2] + agree]
        print("| %s | %d | %d | %d | %s |" % (folder, count, scope, agree, "%.1f%%" % (100 * agree / scope) if scope else "-"))
    print("| **all** | %d | %d | %d | **%.1f%%** |" % (total[0], total[1], total[2], 100 * total[2] / max(1, total[1])))
    if args.out_of_scope:
        fields = collections.Counter(r["field"].split(".")[0] + "." + r["field"].split(".")[1] if "." in r.get("field", "") else r.get("field")
                                     for r in results if r.get("field"))
        print("fields the contract does not carry: " + ", ".join("%s %d" % kv for kv in fields.most_common()))
        reasons = collections.Counter((r["folder"].split(os.sep)[0] if not r["folder"].startswith("wellformed") else r["folder"], r["reason"])
                                      for r in results if r["scope"] != "in")
        for (folder, reason), count in sorted(reasons.items()):
            print("out of scope: %-24s %4d  %s" % (folder, count, reason))
    if args.show:
        for r in results:
            if r["scope"] == "in" and not r.get("agree") and (args.show == "all" or r["folder"].startswith(args.show)):
                print("\nMISS %s\n  expect: %s\n  got:    %s" % (r["file"], r["mapped"], r.get("got")))
    if args.json:
        with open(args.json, "w") as out:
            json.dump(results, out, ensure_ascii=False, indent=1)


if __name__ == "__main__":
    main()
