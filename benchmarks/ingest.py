"""Ingest throughput: HTML pages/s into the store vs bare ``trafilatura.extract`` on the same pages.

Both run in the same process, interleaved round by round (this machine is noisy), on the same
pages: the gzipped pages of the article-extraction benchmark (``--data DIR``, read from a path,
never copied into the repo). The baseline gets the decoded HTML strings already in memory; our
side runs the whole ``storytrace ingest`` path (read file → decompress → decode → extract →
normalize → SQLite) into a fresh store each round.

    .venv/bin/python benchmarks/ingest.py --data ../shared/data/aeb [--rounds 5] [--json]

Goal (issue #2): ratio ≥ 0.7 (store and normalizer overhead ≤ 30 %).
"""

from __future__ import annotations

import argparse
import gzip
import json
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", required=True, help="folder with html/*.html.gz (article-extraction benchmark)")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    args = parser.parse_args()

    import trafilatura

    from storytrace.ingest import ingest
    from storytrace.settings import IngestOptions
    from storytrace.store import Store

    pages = sorted(Path(args.data, "html").glob("*.html.gz"))
    if not pages:
        print(f"no html/*.html.gz under {args.data}", file=sys.stderr)
        return 2
    html = [gzip.decompress(p.read_bytes()).decode("utf-8", "replace") for p in pages]
    workdir = Path(tempfile.mkdtemp(prefix="storytrace-bench-"))
    try:
        folder = workdir / "pages"
        folder.mkdir()
        for page in pages:
            shutil.copy(page, folder / page.name)
        # Warm-up: imports, trafilatura's caches.
        for text in html[:5]:
            trafilatura.extract(text)
        baseline_rates, ours_rates = [], []
        stored = 0
        for round_number in range(args.rounds):
            started = time.perf_counter()
            for text in html:
                trafilatura.extract(text)
            baseline_rates.append(len(html) / (time.perf_counter() - started))

            db = workdir / f"round{round_number}.db"
            started = time.perf_counter()
            with Store.open(db) as store:
                summary = ingest([str(folder)], store, IngestOptions())
            ours_rates.append(len(pages) / (time.perf_counter() - started))
            stored = len(summary.new)
            if stored != len(pages):
                print(f"only {stored} of {len(pages)} pages were stored: {summary.rejections[:3]}", file=sys.stderr)
                return 1
        baseline = statistics.median(baseline_rates)
        ours = statistics.median(ours_rates)
        result = {
            "pages": len(pages),
            "stored": stored,
            "rounds": args.rounds,
            "baseline_pages_per_s": round(baseline, 1),
            "storytrace_pages_per_s": round(ours, 1),
            "ratio": round(ours / baseline, 3),
        }
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    if args.json:
        print(json.dumps(result))
    else:
        print(f"bare trafilatura.extract: {result['baseline_pages_per_s']} pages/s (median of {args.rounds})")
        print(f"storytrace ingest → store: {result['storytrace_pages_per_s']} pages/s ({stored} stored)")
        print(f"ratio: {result['ratio']} (goal ≥ 0.7)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
