"""Scaling curve: the in-process path and the Dask path (LocalCluster, 2 workers) at N articles.

    .venv/bin/python benchmarks/scale.py --data ../shared/data --sizes 1000 10000 100000 [--paths inprocess dask] [--json]

Piles come from the generator of ``benchmarks/reuse.py`` (imported, not copied): real articles
from ``--data``, filler of real sentences with shuffled words, 10 % planted copies (syndication,
partial, rewrite). Each (path, N) runs in its own process.

- **inprocess**: ``benchmarks/reuse.py``'s own run (``find_reuse`` on the pile already in memory
  as articles): wall time of the reuse stage, peak RSS of the process.
- **dask**: the pile written as JSONL files (2,000 records each; not timed), then
  ``run_batch(..., stop_after="reuse")`` on a new LocalCluster of 2 worker processes (1 thread
  each): wall time of the whole job (ingest → normalize → candidates → reuse) and of each stage;
  peak RSS of the driver and of each worker (``getrusage`` in each process), summed.

Recall = planted pairs reported as related (syndication copies: as derived) / planted pairs,
the rule of ``benchmarks/reuse.py``. The load average (``/proc/loadavg``) is printed with each run.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import reuse as reuse_bench  # benchmarks/reuse.py: the pile generator and the in-process run


def load() -> str:
    return " ".join(Path("/proc/loadavg").read_text(encoding="utf-8").split()[:3])


def recall(planted: list[Any], found: dict[tuple[int, int], str]) -> tuple[float, dict[str, float]]:
    """``benchmarks/reuse.py``'s rule: any relation counts, syndication copies must be called derived."""
    hits = {kind: 0 for kind in ("syndication", "partial", "rewrite")}
    totals = dict.fromkeys(hits, 0)
    for plant in planted:
        totals[plant.kind] += 1
        relation = found.get((min(plant.base, plant.copy), max(plant.base, plant.copy)))
        if relation and (plant.kind != "syndication" or relation in ("wholly_derived", "partially_derived")):
            hits[plant.kind] += 1
    return sum(hits.values()) / len(planted), {k: round(hits[k] / totals[k], 4) for k in hits if totals[k]}


def write_pile(texts: list[str], folder: Path, per_file: int = 2000) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for start in range(0, len(texts), per_file):
        with (folder / f"pile-{start // per_file:05d}.jsonl").open("w", encoding="utf-8") as handle:
            for index in range(start, min(len(texts), start + per_file)):
                handle.write(json.dumps({"id": str(index), "text": texts[index]}) + "\n")


def run_dask(data: Path, size: int, workers: int, check_same: bool = False) -> dict[str, Any]:
    from storytrace.batch import BatchOptions, batch_articles, batch_reuse, run_batch, start_client, stop_client

    texts, planted = reuse_bench.build_pile(data, size)
    with tempfile.TemporaryDirectory(prefix="scale-") as temporary:
        folder = Path(temporary)
        write_pile(texts, folder / "in")
        del texts
        load_before = load()
        started = time.perf_counter()
        client = start_client(workers=workers)
        cluster_seconds = time.perf_counter() - started
        options = BatchOptions(partition_size=min(5000, max(500, size // 20)), stop_after="reuse")
        summary = run_batch([str(folder / "in")], folder / "out", client=client, options=options)
        seconds = time.perf_counter() - started
        worker_peaks = client.run(lambda: resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
        stop_client(client)
        # Batch ids → pile positions (the JSONL "id" field becomes the article's external id).
        articles = batch_articles(folder / "out")
        position = {i: int(a.external_id or -1) for i, a in articles.items()}
        found = {}
        batch_pairs = batch_reuse(folder / "out")
        for pair in batch_pairs:
            a, b = position[pair.source], position[pair.target]
            found[(min(a, b), max(a, b))] = pair.relation
        same = None
        if check_same:
            # find_reuse in this process on the very articles the job normalized (batch ids kept).
            from storytrace.reuse.pairs import find_reuse

            expected = find_reuse([articles[i] for i in sorted(articles)])

            def key(r: Any) -> tuple[Any, ...]:
                return (r.source, r.target, r.relation, r.mode, r.target_coverage, r.passages)

            same = sorted(map(key, expected)) == sorted(map(key, batch_pairs))
        del articles
    driver_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    share, by_kind = recall(planted, found)
    return {
        "path": "dask", "n": size, "workers": workers, "seconds": round(seconds, 2),
        "cluster_start_seconds": round(cluster_seconds, 2),
        "stage_seconds": {s.stage: round(s.seconds, 2) for s in summary.stages},
        "peak_rss_mb_sum": round((driver_kb + sum(worker_peaks.values())) / 1024, 1),
        "peak_rss_mb_driver": round(driver_kb / 1024, 1),
        "peak_rss_mb_worker_max": round(max(worker_peaks.values()) / 1024, 1),
        "planted": len(planted), "recall": round(share, 4), "recall_by_kind": by_kind,
        "pairs_reported": summary.pairs, "load_before": load_before, "load_after": load(),
        "same_as_find_reuse_on_its_articles": same,
    }


def run_inprocess(data: Path, size: int) -> dict[str, Any]:
    load_before = load()
    result = reuse_bench.run_one(data, size)
    return {"path": "inprocess", **result, "load_before": load_before, "load_after": load()}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", required=True, help="../shared/data")
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000, 100000])
    parser.add_argument("--paths", nargs="+", choices=["inprocess", "dask"], default=["inprocess", "dask"])
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--check-same", action="store_true",
                        help="Dask path: also run find_reuse in process on the job's own articles and compare (after timing).")
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--one", nargs=2, metavar=("PATH", "N"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        path, size = args.one[0], int(args.one[1])
        result = run_dask(Path(args.data), size, args.workers, args.check_same) if path == "dask" else run_inprocess(
            Path(args.data), size)
        print(json.dumps(result))
        return 0
    results = []
    for size in args.sizes:
        for path in args.paths:
            completed = subprocess.run(
                [sys.executable, __file__, "--data", args.data, "--workers", str(args.workers), "--one", path,
                 str(size), *(["--check-same"] if args.check_same else [])],
                capture_output=True, text=True, check=False, env=dict(os.environ),
            )
            if completed.returncode != 0:
                print(completed.stderr[-4000:], file=sys.stderr)
                return completed.returncode
            result = json.loads(completed.stdout.strip().splitlines()[-1])
            results.append(result)
            if not args.json:
                rss = result.get("peak_rss_mb") or result.get("peak_rss_mb_sum")
                print(f"{path:>9} N={size:>7}: {result['seconds']:>8.1f} s, peak RSS {rss:>7.0f} MB, "
                      f"recall {result['recall']:.3f} {result['recall_by_kind']}, pairs {result['pairs_reported']}"
                      f"{'  stages ' + str(result['stage_seconds']) if 'stage_seconds' in result else ''}"
                      f"{'  same as find_reuse: ' + str(result.get('same_as_find_reuse_on_its_articles')) if args.check_same and path == 'dask' else ''}"
                      f"  load {result['load_before']} → {result['load_after']}", flush=True)
    if args.json:
        print(json.dumps({"results": results}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
