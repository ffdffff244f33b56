"""storytrace beside passim (the field's reference text-reuse tool, a Spark job) on the same corpora, in one run.

    make passim          # once: pyspark, graphframes-py, intervaltree and passim in .passim/venv (not a dependency)
    .venv/bin/python benchmarks/passim_compare.py --data ../shared/data --planted 1000 [--json]

Corpora (each written once as JSONL: ``id``, ``series`` = ``id``, ``text``; both tools read that file):

- **planted**: ``benchmarks/reuse.py``'s pile of N articles with 10 % planted copies (syndication,
  partial, rewrite). Recall = planted pairs found related.
- **meter**: METER (``--data``/meter, read with ``storytrace.eval.meter.load_meter``): every
  newspaper story and every PA source text, once each. Recall = (story, PA source) pairs of the
  wholly and partially derived stories found related; also the share of non-derived stories'
  pairs flagged (lower is better).

passim runs as its ``passim`` command does (``--all-pairs``, ``--fields 'xxhash64(series) as gid'``,
``--filterpairs 'gid < gid2'``, default n-gram and alignment parameters) plus ``--to-extents``: it
stops once the aligned passages (extents) are written, before its clustering step, which needs the
GraphFrames JVM package that Spark fetches from a Maven repository at start-up (not reachable
here). A pair is "found" by passim when it has at least one extent. Spark runs ``local[2]``.

storytrace runs its in-process path on the same file: ``ingest`` (JSONL reader → normalizer →
SQLite store) then ``find_reuse``; and the Dask path (``run_batch``, LocalCluster of 2 workers,
up to the reuse stage). A pair is "found" when it is reported with any relation.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import reuse as reuse_bench  # benchmarks/reuse.py: the pile generator


def load() -> str:
    return " ".join(Path("/proc/loadavg").read_text(encoding="utf-8").split()[:3])


def write_corpus(texts: list[str], path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8") as handle:
        for index, text in enumerate(texts):
            handle.write(json.dumps({"id": index, "series": str(index), "text": text}) + "\n")


def run_passim(venv: Path, corpus: Path, out: Path) -> tuple[float, set[tuple[int, int]]]:
    """Wall time of passim up to its extents, and the document pairs with at least one extent."""
    import pyarrow.dataset as ds

    if out.exists():
        shutil.rmtree(out)
    python = venv / "bin" / "python"
    env = dict(os.environ, PYSPARK_PYTHON=str(python), PYSPARK_DRIVER_PYTHON=str(python), SPARK_LOCAL_IP="127.0.0.1",
               PYSPARK_SUBMIT_ARGS="--master local[2] --driver-memory 3g pyspark-shell")  # fmt: skip
    args = [str(python), "-c", "import sys, passim; sys.exit(passim.main(sys.argv[1:]))", "--all-pairs",
            "--fields", "xxhash64(series) as gid", "cast(id as bigint) as num", "--filterpairs", "gid < gid2",
            "--to-extents", str(corpus), str(out)]  # fmt: skip
    started = time.perf_counter()
    completed = subprocess.run(args, capture_output=True, text=True, env=env, check=False)
    seconds = time.perf_counter() - started
    if completed.returncode != 0:
        raise SystemExit(f"passim failed ({completed.returncode}):\n{completed.stderr[-3000:]}")
    extents = out / "tmp" / "extents.parquet"
    pairs: set[tuple[int, int]] = set()
    if extents.exists():
        table = ds.dataset(str(extents), format="parquet", partitioning="hive").to_table(columns=["num", "num2"])
        for a, b in zip(table.column("num").to_pylist(), table.column("num2").to_pylist(), strict=True):
            pairs.add((min(a, b), max(a, b)))
    return seconds, pairs


def run_storytrace(corpus: Path, work: Path) -> tuple[dict[str, float], dict[tuple[int, int], str]]:
    """In-process: ingest (JSONL → store) then find_reuse. Returns seconds per step and pairs → relation."""
    from storytrace.ingest import ingest
    from storytrace.reuse.pairs import find_reuse
    from storytrace.settings import IngestOptions
    from storytrace.store import Store

    db = work / "pile.db"
    started = time.perf_counter()
    with Store.open(db) as store:
        ingest([str(corpus)], store, IngestOptions(max_bytes=2**31 - 1))
        articles = sorted(store.articles(), key=lambda a: a.id or 0)
    ingested = time.perf_counter()
    reuses = find_reuse(articles)
    finished = time.perf_counter()
    position = {a.id: int(a.external_id or -1) for a in articles}
    found = {}
    for pair in reuses:
        a, b = position[pair.source], position[pair.target]
        found[(min(a, b), max(a, b))] = pair.relation
    return {"ingest": ingested - started, "reuse": finished - ingested, "total": finished - started}, found


def run_storytrace_dask(corpus: Path, work: Path, workers: int) -> tuple[float, dict[tuple[int, int], str]]:
    from storytrace.batch import BatchOptions, batch_articles, batch_reuse, run_batch, start_client, stop_client
    from storytrace.settings import IngestOptions

    started = time.perf_counter()
    client = start_client(workers=workers)
    options = BatchOptions(stop_after="reuse", ingest=IngestOptions(max_bytes=2**31 - 1))
    run_batch([str(corpus)], work / "batch", client=client, options=options)
    seconds = time.perf_counter() - started
    stop_client(client)
    position = {i: int(a.external_id or -1) for i, a in batch_articles(work / "batch").items()}
    found = {}
    for pair in batch_reuse(work / "batch"):
        a, b = position[pair.source], position[pair.target]
        found[(min(a, b), max(a, b))] = pair.relation
    return seconds, found


def planted_corpus(data: Path, size: int) -> tuple[list[str], list[tuple[int, int]], list[tuple[int, int]]]:
    texts, planted = reuse_bench.build_pile(data, size)
    return texts, [(min(p.base, p.copy), max(p.base, p.copy)) for p in planted], []


def meter_corpus(data: Path) -> tuple[list[str], list[tuple[int, int]], list[tuple[int, int]]]:
    from storytrace.eval.meter import load_meter

    items = load_meter(data / "meter")
    index: dict[str, int] = {}
    texts: list[str] = []

    def position(text: str) -> int:
        if text not in index:
            index[text] = len(texts)
            texts.append(text)
        return index[text]

    derived: set[tuple[int, int]] = set()
    unrelated: set[tuple[int, int]] = set()
    for item in items:
        target = position(item.target)
        for source in item.sources:
            pair = (min(target, position(source)), max(target, position(source)))
            (unrelated if item.label == "non_derived" else derived).add(pair)
    return texts, sorted(derived), sorted(unrelated - derived)


def share(pairs: list[tuple[int, int]], found: set[tuple[int, int]] | dict[tuple[int, int], str]) -> float | None:
    return round(sum(p in found for p in pairs) / len(pairs), 4) if pairs else None


def compare(name: str, texts: list[str], positives: list[tuple[int, int]], negatives: list[tuple[int, int]],
            venv: Path, workers: int, work: Path) -> dict[str, Any]:
    corpus = work / name / "corpus.jsonl"
    write_corpus(texts, corpus)
    row: dict[str, Any] = {"corpus": name, "documents": len(texts), "positive_pairs": len(positives),
                           "negative_pairs": len(negatives)}  # fmt: skip
    row["load_before"] = load()
    timings, found = run_storytrace(corpus, work / name)
    row["storytrace_seconds"] = {k: round(v, 2) for k, v in timings.items()}
    row["storytrace_recall"] = share(positives, found)
    row["storytrace_flagged_negatives"] = share(negatives, found)
    row["storytrace_pairs"] = len(found)
    row["load_after_storytrace"] = load()
    seconds, timings_found = run_storytrace_dask(corpus, work / name, workers)
    row["storytrace_dask_seconds"] = round(seconds, 2)
    row["storytrace_dask_recall"] = share(positives, timings_found)
    row["load_after_dask"] = load()
    passim_seconds, passim_pairs = run_passim(venv, corpus, work / name / "passim")
    row["passim_seconds"] = round(passim_seconds, 2)
    row["passim_recall"] = share(positives, passim_pairs)
    row["passim_flagged_negatives"] = share(negatives, passim_pairs)
    row["passim_pairs"] = len(passim_pairs)
    row["load_after_passim"] = load()
    row["speedup_inprocess"] = round(passim_seconds / timings["total"], 2)
    row["speedup_dask"] = round(passim_seconds / seconds, 2)
    return row


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", required=True, help="../shared/data")
    parser.add_argument("--planted", type=int, default=1000, help="Size of the planted pile (0: skip it).")
    parser.add_argument("--no-meter", action="store_true", help="Skip the METER corpus.")
    parser.add_argument("--passim", default=".passim/venv", help="The venv passim is installed in (make passim).")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    data, venv = Path(args.data), Path(args.passim).resolve()
    if not (venv / "bin" / "python").is_file():
        raise SystemExit(f"no passim venv at {venv}: run 'make passim' first")
    rows = []
    with tempfile.TemporaryDirectory(prefix="passim-compare-") as temporary:
        work = Path(temporary)
        corpora = []
        if args.planted:
            corpora.append(("planted", *planted_corpus(data, args.planted)))
        if not args.no_meter:
            corpora.append(("meter", *meter_corpus(data)))
        for name, texts, positives, negatives in corpora:
            row = compare(name, texts, positives, negatives, venv, args.workers, work)
            rows.append(row)
            if not args.json:
                print(json.dumps(row), flush=True)
    if args.json:
        print(json.dumps({"results": rows}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
