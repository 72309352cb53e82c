#!/usr/bin/env python3
"""Writes a large JSON-lines archive for benchmarking `run` at scale.

usage: bench/distinct_archive.py COPIES OUT [SHARED]

The archive is ../shared/corpus/bulk (Reuters-21578 and Wikinews) COPIES times
over. Copy k gives each document a new id (and URL), and appends a suffix of
its own to about a third of the lower-case words of four letters or more,
chosen by a hash of the word and k. Copies are then neither exact nor near
duplicates of each other (3-word shingles in common: about 9 %), and the
vocabulary grows with the archive as a real one's does; the names, numbers and
dates the extractors look for are left as they are. 100 copies make 2.1 GB.
"""
import json
import os
import re
import sys
import zlib

LETTERS = "bcdfghjklmnpqrstvwxz"
WORD = re.compile(r"\b[a-z]{4,}\b")


def suffix(copy):
    s, n = "", copy + 1
    while n:
        s += LETTERS[n % len(LETTERS)]
        n //= len(LETTERS)
    return s


def main():
    if len(sys.argv) not in (3, 4):
        sys.exit(__doc__.strip().splitlines()[2])
    copies, out = int(sys.argv[1]), sys.argv[2]
    shared = sys.argv[3] if len(sys.argv) == 4 else os.path.join(os.path.dirname(__file__), "../../shared")
    bulk = os.path.join(shared, "corpus/bulk")
    documents = [json.loads(line) for name in ("reuters21578.jsonl", "wikinews.jsonl")
                 for line in open(os.path.join(bulk, name), encoding="utf-8")]
    with open(out, "w", encoding="utf-8") as archive:
        for copy in range(copies):
            own = suffix(copy)

            def mark(match):
                word = match.group(0)
                return word + own if (zlib.crc32(word.encode()) + copy * 2654435761) % 3 == 0 else word

            for document in documents:
                new = dict(document)
                if "id" in document:
                    new["id"] = f"{document['id']}#{copy}"
                if "url" in document:
                    new["url"] = f"{document['url']}#{copy}"
                new["text"] = WORD.sub(mark, document["text"])
                archive.write(json.dumps(new) + "\n")


if __name__ == "__main__":
    main()
