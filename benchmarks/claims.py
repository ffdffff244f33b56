"""Claims-stage speed: articles/s of quotes + quantities + entity mentions, as ``analyze`` runs them.

    .venv/bin/python benchmarks/claims.py --data ../shared/data [--limit 300] [--workers 2] [--json]

The default stage, ``claims``, is :func:`storytrace.compare.dossier.article_claims` — what
``analyze`` runs per article: one spaCy pass shared by quotes and entities, plus quantities.
``--stages quotes quantities entities`` times the three extractors one by one instead (each then
parses on its own, so their sum is more than ``claims``).

Articles are read from ``--data`` at run time (never copied into the repo): the two event piles
(``event_piles/*.csv``, column ``text``) and the FakeNewsCorpus sample
(``fakenewscorpus_sample/news_sample.csv``, column ``content``); `` ### `` separators become
paragraph breaks. The first ``--limit`` articles with at least 50 words of each set are used.
Each worker process loads the spaCy model and the tagger before the clock starts; the figure is
articles / wall-clock seconds of the extraction itself; ``articles_per_cpu_second`` divides by the
CPU time the workers spent instead (the figure per core when the box is not shared with other
work). Goal (issue #4): ≥ 10 articles/s on 2 cores.
"""

from __future__ import annotations

import argparse
import csv
import json
import time
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

SETS = {
    "event_piles": [("event_piles/census_articles.csv", "text"), ("event_piles/spotify_articles.csv", "text")],
    "fakenewscorpus_sample": [("fakenewscorpus_sample/news_sample.csv", "content")],
}


def read_set(data: Path, name: str, limit: int) -> list[str]:
    csv.field_size_limit(2**31 - 1)
    texts: list[str] = []
    for relative, column in SETS[name]:
        path = data / relative
        if not path.is_file():
            continue
        with path.open(encoding="utf-8", errors="replace", newline="") as handle:
            for row in csv.DictReader(handle):
                text = (row.get(column) or "").replace(" ### ", "\n\n").strip()
                if len(text.split()) >= 50:
                    texts.append(text)
    # Interleave the files of a set so a limit samples all of them.
    return texts[:: max(1, len(texts) // limit)][:limit] if len(texts) > limit else texts


_STAGE_NAMES = ["claims", "quotes", "quantities", "entities"]
_WANTED = ["claims"]


def _stages() -> list[tuple[str, Callable[[str], Any]]]:
    from storytrace.claims.entities import extract_mentions
    from storytrace.claims.quantities import extract_quantities
    from storytrace.claims.quotes import extract_quotes
    from storytrace.compare.dossier import article_claims

    stages: list[tuple[str, Callable[[str], Any]]] = [
        ("claims", article_claims), ("quotes", extract_quotes), ("quantities", extract_quantities),
        ("entities", extract_mentions),
    ]
    return [(name, stage) for name, stage in stages if name in _WANTED]


def _warm() -> None:
    for _, stage in _stages():
        stage("Warm-up: “We will win,” the minister said, adding that 3,000 people came.")


def _run(text: str) -> tuple[int, int, float]:
    started = time.process_time()
    quotes = quantities = 0
    for name, stage in _STAGES:
        found = stage(text)
        if name == "claims":
            quotes, quantities = len(found.quotes), len(found.quantities)
        elif name == "quotes":
            quotes = len(found)
        elif name == "quantities":
            quantities = len(found)
    return quotes, quantities, time.process_time() - started


_STAGES: list[tuple[str, Callable[[str], Any]]] = []


def _init(wanted: list[str] | None = None) -> None:
    if wanted is not None:
        _WANTED[:] = wanted
    _STAGES.extend(_stages())
    _warm()


def measure(texts: list[str], workers: int) -> dict[str, Any]:
    if workers <= 1:
        _init(list(_WANTED))
        started = time.perf_counter()
        results = [_run(t) for t in texts]
    else:
        with ProcessPoolExecutor(workers, initializer=_init, initargs=(list(_WANTED),)) as pool:
            list(pool.map(_noop, range(workers * 2)))  # every worker initialized before the clock starts
            started = time.perf_counter()
            results = list(pool.map(_run, texts, chunksize=4))
    seconds = time.perf_counter() - started
    return {
        "articles": len(texts), "seconds": round(seconds, 2),
        "articles_per_second": round(len(texts) / seconds, 2) if seconds else None,
        "cpu_seconds": round(sum(r[2] for r in results), 2),
        # What the stage does per core when it has the core to itself (the box may be shared):
        "articles_per_cpu_second": round(len(texts) / sum(r[2] for r in results), 2) if results else None,
        "quotes": sum(r[0] for r in results), "quantities": sum(r[1] for r in results),
        "words_per_article": round(sum(len(t.split()) for t in texts) / max(len(texts), 1)),
    }


def _noop(_: int) -> None:
    time.sleep(0.2)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=Path(__file__).resolve().parents[2] / "shared" / "data")
    parser.add_argument("--limit", type=int, default=300, help="articles per set")
    parser.add_argument("--workers", type=int, default=2, help="worker processes (1 = in this process)")
    parser.add_argument("--stages", nargs="+", default=list(_WANTED), choices=_STAGE_NAMES,
                        help="claims (default: what analyze runs), or quotes / quantities / entities one by one")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    _WANTED[:] = args.stages
    report: dict[str, Any] = {"workers": args.workers, "stages": [name for name, _ in _stages()]}
    for name in SETS:
        texts = read_set(args.data, name, args.limit)
        if texts:
            report[name] = measure(texts, args.workers)
    if args.json:
        print(json.dumps(report))
    else:
        for key, value in report.items():
            print(f"{key}: {value}")


if __name__ == "__main__":
    main()
