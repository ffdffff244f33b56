"""Ingest throughput: HTML pages/s into the store vs bare ``trafilatura.extract`` on the same pages.

Both run in the same process, interleaved round by round (this machine is noisy), on the same
pages: the gzipped pages of the article-extraction benchmark (``--data DIR``, read from a path,
never copied into the repo), each page ``--repeat`` times with a distinct trailing comment so the
pile is large enough for worker start-up to matter as it does in real runs. The baseline gets the decoded HTML strings already in memory; our
side runs the whole ``storytrace ingest`` path (read file → decompress → decode → extract →
normalize → SQLite) into a fresh store each round, once in one process (``--workers 1``, the
overhead figure) and once with the default workers (one per core: what a user gets).

    .venv/bin/python benchmarks/ingest.py --data ../shared/data/aeb [--rounds 5] [--repeat 3] [--json]

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
    parser.add_argument("--repeat", type=int, default=3,
                        help="copies of each page (each made distinct by a trailing comment) for a larger pile")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    parser.add_argument("--workers", type=int, default=0, help="workers for the second run (0 = one per core)")
    args = parser.parse_args()

    import trafilatura

    from storytrace.ingest import ingest
    from storytrace.ingest.pool import default_workers
    from storytrace.settings import IngestOptions
    from storytrace.store import Store

    workers = args.workers or default_workers()
    pages = sorted(Path(args.data, "html").glob("*.html.gz"))
    if not pages:
        print(f"no html/*.html.gz under {args.data}", file=sys.stderr)
        return 2
    originals = [gzip.decompress(p.read_bytes()).decode("utf-8", "replace") for p in pages]
    html = [f"{text}<!-- copy {n} -->" for n in range(args.repeat) for text in originals]
    workdir = Path(tempfile.mkdtemp(prefix="storytrace-bench-"))
    try:
        folder = workdir / "pages"
        folder.mkdir()
        for n in range(args.repeat):
            for page, text in zip(pages, originals, strict=True):
                target = folder / f"{page.name.removesuffix('.html.gz')}-{n}.html.gz"
                target.write_bytes(gzip.compress(f"{text}<!-- copy {n} -->".encode()))
        # Warm-up: imports, trafilatura's caches.
        for text in html[:5]:
            trafilatura.extract(text)
        baseline_rates: list[float] = []
        ours_rates: dict[int, list[float]] = {1: [], workers: []}
        stored = 0
        for round_number in range(args.rounds):
            started = time.perf_counter()
            for text in html:
                trafilatura.extract(text)
            baseline_rates.append(len(html) / (time.perf_counter() - started))
            for count in ours_rates:
                db = workdir / f"round{round_number}-{count}.db"
                started = time.perf_counter()
                with Store.open(db) as store:
                    summary = ingest([str(folder)], store, IngestOptions(workers=count))
                ours_rates[count].append(len(html) / (time.perf_counter() - started))
                stored = len(summary.new)
                if stored != len(html):
                    print(f"only {stored} of {len(html)} pages stored: {summary.rejections[:3]}", file=sys.stderr)
                    return 1
        baseline = statistics.median(baseline_rates)
        single = statistics.median(ours_rates[1])
        pooled = statistics.median(ours_rates[workers])
        result = {
            "pages": len(html),
            "stored": stored,
            "rounds": args.rounds,
            "workers": workers,
            "baseline_pages_per_s": round(baseline, 1),
            "storytrace_1_process_pages_per_s": round(single, 1),
            "storytrace_workers_pages_per_s": round(pooled, 1),
            "ratio_1_process": round(single / baseline, 3),
            "ratio": round(pooled / baseline, 3),
        }
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    if args.json:
        print(json.dumps(result))
    else:
        print(f"bare trafilatura.extract (1 process): {result['baseline_pages_per_s']} pages/s, median of {args.rounds}")
        print(f"storytrace ingest → store, 1 process: {result['storytrace_1_process_pages_per_s']} pages/s "
              f"(ratio {result['ratio_1_process']})")
        print(f"storytrace ingest → store, {workers} workers (default): {result['storytrace_workers_pages_per_s']} "
              f"pages/s (ratio {result['ratio']}, goal ≥ 0.7)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
