"""Entity-stage speed: articles/s of NER (``extract_mentions_many``) and of alias resolution.

    .venv/bin/python benchmarks/entities.py [--data ../shared/data] [--repeat 20] [--json]

Two sets, each measured on one core with the model loaded before the clock starts:

- ``sample×N``: the five articles of ``examples/mosul-2016`` after ingest (clean text), repeated
  ``--repeat`` times (20 → 100 articles);
- ``event_piles``: every article of ``event_piles/census_articles.csv`` and
  ``event_piles/spotify_articles.csv`` under ``--data`` (column ``text``; `` ### `` separators
  become paragraph breaks), read at run time, never copied into the repo. Skipped when absent.

For each set: articles, words, seconds and articles/s of ``extract_mentions_many`` (NER only; by
wall clock, and per CPU second of this process, which a box shared with other jobs disturbs less),
then of ``resolve_entities`` over the whole set as one pile, and the number of entities found.
The spaCy pipeline with every component is timed on the same texts for comparison. Last, the
event piles' mentions are copied ``--copies`` times (new article ids) to show that resolution is
linear in the pile and that copies do not change the entities.
"""

from __future__ import annotations

import argparse
import csv
import json
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]


def sample_texts() -> list[str]:
    """Clean texts of the bundled sample pile, through the real ingest path."""
    from storytrace.ingest import ingest
    from storytrace.store import Store

    with tempfile.TemporaryDirectory() as folder, Store.open(Path(folder) / "pile.db") as store:
        ingest([str(ROOT / "examples" / "mosul-2016")], store)
        return [a.text for a in store.articles()]


def event_pile_texts(data: Path) -> list[str]:
    csv.field_size_limit(2**31 - 1)
    texts = []
    for name in ("census_articles.csv", "spotify_articles.csv"):
        path = data / "event_piles" / name
        if path.is_file():
            with path.open(encoding="utf-8", errors="replace", newline="") as handle:
                texts.extend((row.get("text") or "").replace(" ### ", "\n\n").strip() for row in csv.DictReader(handle))
    return [t for t in texts if t]


def measure(texts: list[str]) -> dict[str, Any]:
    from storytrace.claims.entities import extract_mentions_many, resolve_entities
    from storytrace.claims.nlp import load_nlp

    start, cpu = time.perf_counter(), time.process_time()
    found = extract_mentions_many(texts)
    ner_seconds, ner_cpu = time.perf_counter() - start, time.process_time() - cpu
    pile = dict(enumerate(found, 1))
    by_id = dict(enumerate(texts, 1))
    start = time.perf_counter()
    entities = resolve_entities(pile, by_id)
    resolve_seconds = time.perf_counter() - start
    full = load_nlp()
    start = time.perf_counter()
    for _ in full.pipe(texts, batch_size=32):
        pass
    full_seconds = time.perf_counter() - start
    return {
        "articles": len(texts),
        "words": sum(len(t.split()) for t in texts),
        "mentions": sum(len(f) for f in found),
        "entities": len(entities),
        "entities_with_aliases": sum(1 for e in entities if e.aliases),
        "ner_seconds": round(ner_seconds, 3),
        "ner_articles_per_s": round(len(texts) / ner_seconds, 1),
        "ner_articles_per_cpu_s": round(len(texts) / ner_cpu, 1),
        "resolve_seconds": round(resolve_seconds, 3),
        "resolve_articles_per_s": round(len(texts) / resolve_seconds, 1),
        "full_pipeline_articles_per_s": round(len(texts) / full_seconds, 1),
    }


def scaling(texts: list[str], copies: list[int]) -> dict[str, dict[str, Any]]:
    from storytrace.claims.entities import extract_mentions_many, resolve_entities

    found = extract_mentions_many(texts)
    rows = {}
    for count in copies:
        mentions = {copy * len(texts) + i: f for copy in range(count) for i, f in enumerate(found, 1)}
        by_id = {copy * len(texts) + i: t for copy in range(count) for i, t in enumerate(texts, 1)}
        cpu = time.process_time()
        entities = resolve_entities(mentions, by_id)
        seconds = time.process_time() - cpu
        rows[str(count)] = {"articles": len(by_id), "cpu_seconds": round(seconds, 2),
                            "articles_per_cpu_s": round(len(by_id) / seconds), "entities": len(entities)}
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--copies", type=int, nargs="*", default=[1, 10, 50])
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()

    from storytrace.claims.entities import NER_DISABLED, extract_mentions
    from storytrace.claims.nlp import load_nlp

    load_nlp(disable=NER_DISABLED)
    load_nlp()
    extract_mentions("Warm-up: Sergey Lavrov met the United Nations envoy in Geneva.")
    results = {f"sample×{args.repeat}": measure(sample_texts() * args.repeat)}
    piles = event_pile_texts(args.data)
    if piles:
        results["event_piles"] = measure(piles)
        results["resolution_scaling"] = scaling(piles, args.copies)
    if args.json:
        print(json.dumps(results, indent=1))
        return
    for name, row in results.items():
        if name == "resolution_scaling":
            for copies, item in row.items():
                print(f"resolution, event piles ×{copies}: {item['articles']} articles in {item['cpu_seconds']} CPU s "
                      f"({item['articles_per_cpu_s']} articles per CPU second), {item['entities']} entities")
            continue
        print(f"{name}: {row['articles']} articles, {row['words']} words → NER {row['ner_articles_per_s']} articles/s "
              f"({row['ner_seconds']} s wall; {row['ner_articles_per_cpu_s']} per CPU second; full pipeline {row['full_pipeline_articles_per_s']} articles/s), "
              f"resolution {row['resolve_articles_per_s']} articles/s ({row['resolve_seconds']} s), "
              f"{row['entities']} entities, {row['entities_with_aliases']} with aliases")


if __name__ == "__main__":
    main()
