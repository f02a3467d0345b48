#!/usr/bin/env python3
"""Fails when a Swift source file is over 400 lines or a function, initializer, subscript or
computed property body is over 80: the sizes a maintainer can read at once.
    scripts/check-sizes.py [FOLDER]      (default: Sources)
Bodies are found by brace matching on lines with comments and string literals blanked, which is
enough for this code base's style (one declaration per line)."""
import re, sys, pathlib
MAX_FILE, MAX_FUNC = 400, 80
root = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else "Sources")
decl = re.compile(r'^\s*(?:@\w+(?:\([^)]*\))?\s+)*(?:(?:public|private|fileprivate|internal|package|static|final|override|mutating|nonisolated|convenience|required|@inline\(__always\)|class)\s+)*(func\s+[^\s(<]+|init[?!]?|subscript|deinit|var\s+\w+\s*:[^=]*\{\s*$)')
bad = 0
for path in sorted(root.rglob("*.swift")):
    lines = path.read_text(encoding="utf-8").splitlines()
    if len(lines) > MAX_FILE:
        print(f"{path}: {len(lines)} lines (file)"); bad += 1
    i = 0
    while i < len(lines):
        m = decl.match(lines[i])
        if m and "{" in "".join(lines[i:i+6]):
            depth, started, j = 0, False, i
            while j < len(lines):
                code = re.sub(r'"(?:\\.|[^"\\])*"', '""', lines[j].split("//")[0])
                depth += code.count("{") - code.count("}")
                if code.count("{"): started = True
                if started and depth <= 0: break
                j += 1
            length = j - i + 1
            if length > MAX_FUNC:
                print(f"{path}:{i+1}: {m.group(1).strip()} is {length} lines"); bad += 1
            i += 1
        else:
            i += 1
sys.exit(1 if bad else 0)
