"""Reuse-engine scaling: piles of N articles with planted copies; wall time, peak RSS, recall.

    .venv/bin/python benchmarks/reuse.py --data ../shared/data --sizes 1000 10000 100000 [--json]

Piles are built from real text read from ``--data`` (PolNeAR, BASIL, the FakeNewsCorpus sample and
the event piles; never copied into the repo):

- the real articles themselves, then filler articles made of real sentences whose words are
  shuffled within each sentence (real vocabulary and lengths, no shared word runs), up to N;
- ~10 % of N are planted copies of a random base article, in three kinds, equally often:
  *syndication* (the whole text, a credit line added, one word changed per paragraph),
  *partial* (40–60 % of the paragraphs, the rest new filler), and *rewrite* (every paragraph kept
  but 15 % of its words replaced and neighbouring words swapped).

Recall = planted pairs that ``find_reuse`` reports as related (any relation; derived for the
syndication copies) / planted pairs. Each N runs in its own process so peak RSS is per N.
Goals (issue #3): 100k in ≤ 10 min and ≤ 4 GB; time(100k)/time(10k) ≤ 12; recall ≥ 0.95.
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import re
import resource
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Planted:
    base: int
    copy: int
    kind: str


def _seed_texts(data: Path) -> list[str]:
    texts: list[str] = []
    for path in sorted((data / "polnear").glob("*/text/*.txt")):
        texts.append(path.read_text(encoding="utf-8", errors="replace"))
    for path in sorted((data / "basil" / "articles").glob("*/*.json")):
        record = json.loads(path.read_text(encoding="utf-8"))
        paragraphs = record.get("body-paragraphs") or []
        texts.append("\n\n".join(" ".join(p) if isinstance(p, list) else str(p) for p in paragraphs))
    csv.field_size_limit(2**31 - 1)
    for name, column in (("fakenewscorpus_sample/news_sample.csv", "content"),
                         ("event_piles/census_articles.csv", "text"), ("event_piles/spotify_articles.csv", "text")):
        path = data / name
        if path.is_file():
            with path.open(encoding="utf-8", errors="replace", newline="") as handle:
                for row in csv.DictReader(handle):
                    texts.append((row.get(column) or "").replace(" ### ", "\n\n"))
    return [t for t in texts if len(t.split()) >= 80]


def _paragraphs(text: str) -> list[str]:
    return [p.strip() for p in re.split(r"\n\s*\n", text) if p.strip()]


def build_pile(data: Path, size: int, *, seed: int = 7) -> tuple[list[str], list[Planted]]:
    rng = random.Random(seed)
    real = _seed_texts(data)
    sentences = [s for text in real for s in re.split(r"(?<=[.!?])\s+", text) if len(s.split()) >= 6]
    if not real:
        raise SystemExit(f"no seed text under {data}")

    def filler(paragraph_count: int) -> str:
        paragraphs = []
        for _ in range(paragraph_count):
            chosen = []
            for sentence in rng.sample(sentences, 3):
                words = sentence.split()
                rng.shuffle(words)
                chosen.append(" ".join(words))
            paragraphs.append(" ".join(chosen))
        return "\n\n".join(paragraphs)

    planted_count = max(3, size // 10)
    base_count = size - planted_count
    texts = [real[i] if i < len(real) else filler(rng.randint(4, 9)) for i in range(base_count)]
    vocabulary = [w for s in rng.sample(sentences, min(5000, len(sentences))) for w in s.split()]
    planted: list[Planted] = []
    kinds = ("syndication", "partial", "rewrite")
    for number in range(planted_count):
        base = rng.randrange(base_count)
        kind = kinds[number % 3]
        paragraphs = _paragraphs(texts[base])
        if kind == "syndication":
            edited = []
            for paragraph in paragraphs:
                words = paragraph.split()
                if len(words) > 4:
                    words[rng.randrange(len(words))] = rng.choice(vocabulary)
                edited.append(" ".join(words))
            copy = "\n\n".join(edited) + "\n\nThis article was syndicated from The Wire Desk."
        elif kind == "partial":
            keep = max(1, int(len(paragraphs) * rng.uniform(0.4, 0.6)))
            start = rng.randrange(0, len(paragraphs) - keep + 1)
            copy = "\n\n".join(paragraphs[start : start + keep]) + "\n\n" + filler(rng.randint(2, 5))
        else:
            edited = []
            for paragraph in paragraphs:
                words = paragraph.split()
                for index in range(len(words)):
                    if rng.random() < 0.15:
                        words[index] = rng.choice(vocabulary)
                for index in range(0, len(words) - 1, 9):
                    words[index], words[index + 1] = words[index + 1], words[index]
                edited.append(" ".join(words))
            copy = "\n\n".join(edited)
        texts.append(copy)
        planted.append(Planted(base, len(texts) - 1, kind))
    return texts, planted


def run_one(data: Path, size: int) -> dict[str, object]:
    from storytrace.models import Article
    from storytrace.reuse.pairs import find_reuse

    texts, planted = build_pile(data, size)
    articles = [
        Article(
            id=index + 1, source=f"bench/{index}", locator=None, source_kind="text", url=None, title=None,
            byline=None, published=None, published_time=None, dateline=None, outlet=None, credits=(), text=text,
            paragraphs=(), words=len(text.split()), raw="", raw_format="text", content_hash=str(index),
            text_hash=str(index),
        )
        for index, text in enumerate(texts)
    ]
    del texts
    started = time.perf_counter()
    pairs = find_reuse(articles)
    seconds = time.perf_counter() - started
    found = {(min(p.source, p.target), max(p.source, p.target)): p.relation for p in pairs}
    hits = {kind: 0 for kind in ("syndication", "partial", "rewrite")}
    totals = dict.fromkeys(hits, 0)
    for plant in planted:
        totals[plant.kind] += 1
        key = (min(plant.base, plant.copy) + 1, max(plant.base, plant.copy) + 1)
        relation = found.get(key)
        if relation and (plant.kind != "syndication" or relation == "wholly_derived" or relation == "partially_derived"):
            hits[plant.kind] += 1
    peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return {
        "n": size,
        "seconds": round(seconds, 2),
        "peak_rss_mb": round(peak_kb / 1024, 1),
        "planted": len(planted),
        "recall": round(sum(hits.values()) / len(planted), 4),
        "recall_by_kind": {k: round(hits[k] / totals[k], 4) if totals[k] else None for k in hits},
        "pairs_reported": len(pairs),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", required=True, help="../shared/data")
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000, 100000])
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        print(json.dumps(run_one(Path(args.data), args.one)))
        return 0
    results = []
    for size in args.sizes:
        completed = subprocess.run(
            [sys.executable, __file__, "--data", args.data, "--one", str(size)],
            capture_output=True, text=True, check=False,
        )
        if completed.returncode != 0:
            print(completed.stderr, file=sys.stderr)
            return completed.returncode
        result = json.loads(completed.stdout.strip().splitlines()[-1])
        results.append(result)
        if not args.json:
            print(f"N={size:>7}: {result['seconds']:>8.1f} s, peak RSS {result['peak_rss_mb']:>7.0f} MB, "
                  f"recall {result['recall']:.3f} {result['recall_by_kind']}, pairs {result['pairs_reported']}")
    by_size = {r["n"]: r for r in results}
    summary: dict[str, object] = {"results": results}
    if 10000 in by_size and 100000 in by_size:
        summary["time_ratio_100k_10k"] = round(float(by_size[100000]["seconds"]) / float(by_size[10000]["seconds"]), 2)
        if not args.json:
            print(f"time(100k)/time(10k) = {summary['time_ratio_100k_10k']} (goal ≤ 12)")
    if args.json:
        print(json.dumps(summary))
    return 0


if __name__ == "__main__":
    sys.exit(main())
