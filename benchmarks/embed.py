"""Sentence-embedding cost by batch size and thread count, on real articles.

    .venv/bin/python benchmarks/embed.py --data ../shared/data [--articles 60] [--json]

Splits the first ``--articles`` FakeNewsCorpus sample articles into sentences (the reuse engine's
splitter) and embeds them with the shipped int8 MiniLM at each (threads, batch size), in one
process, reporting wall and CPU seconds — the settings are compared with each other, in the same
run, so the box's load affects them alike.
"""

from __future__ import annotations

import argparse
import csv
import json
import time
from pathlib import Path

from storytrace.reuse.embed import SentenceEncoder
from storytrace.reuse.paraphrase import index_sentences

csv.field_size_limit(10**9)
SETTINGS = ((1, 1), (1, 4), (1, 8), (1, 16), (1, 64), (2, 4), (2, 64))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, required=True)
    parser.add_argument("--articles", type=int, default=60)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    with (args.data / "fakenewscorpus_sample" / "news_sample.csv").open(encoding="utf-8", newline="") as handle:
        texts = [row["content"] for row in csv.DictReader(handle)][: args.articles]
    rows = []
    for threads, batch in SETTINGS:
        encoder = SentenceEncoder.load(threads=threads)
        encode = encoder.encode
        encoder.encode = lambda s, batch_size=batch, _encode=encode: _encode(s, batch_size=batch_size)  # type: ignore[method-assign]
        cpu, wall = time.process_time(), time.perf_counter()
        sentences = sum(len(index_sentences(text, encoder).spans) for text in texts)
        rows.append({"threads": threads, "batch": batch, "sentences": sentences,
                     "wall_s": round(time.perf_counter() - wall, 2), "cpu_s": round(time.process_time() - cpu, 2)})
    if args.json:
        print(json.dumps(rows))
    else:
        for row in rows:
            print(row)


if __name__ == "__main__":
    main()
