"""End-to-end speed of `storytrace analyze`: articles/s and peak RSS on a pile of real articles.

    .venv/bin/python benchmarks/pipeline.py --data ../shared/data --size 600 [--workers 0]
        [--paraphrase-encoder minilm|static] [--again] [--json]

The pile is built at run time from real articles read from ``--data`` (never copied into the
repo): the event piles, the FakeNewsCorpus sample, BASIL, then PolNeAR (dev, then train) until
``--size`` articles; written as one JSONL file (title, text, outlet, date) in a temporary folder.
`storytrace analyze` runs on it in a child process (ingest → reuse → claims → stories → claims
across articles → dossier), so its wall time and peak RSS are its own.

Baseline, in the same session: one spaCy pass (``nlp.pipe``, the full English pipeline, one
process) over the same texts — the cost of reading every article once with the NLP library the
claims stage is built on. The ratio (storytrace time / baseline time) is the figure to compare
across machines; ``cpu_ratio_to_baseline`` compares CPU seconds (analyze and its workers against
the baseline's), which other work on a shared box disturbs less than wall time. Goal (issue #5): 600 articles in ≤ 30 s and ≤ 2 GB on 2 cores.

``--again``: then ``analyze`` the same store once more with nothing new (each article's claims and
sentence vectors are remembered in the store) and report that run's time and whether its dossier
is byte for byte the first one's.
"""

from __future__ import annotations

import argparse
import csv
import json
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

csv.field_size_limit(10**9)


def _event_piles(data: Path) -> Iterator[dict[str, str | None]]:
    for path in sorted((data / "event_piles").glob("*.csv")):
        with path.open(encoding="utf-8", newline="") as handle:
            for row in csv.DictReader(handle):
                yield {"title": None, "text": row["text"], "outlet": row["publisher"], "date": None}


def _fakenews(data: Path) -> Iterator[dict[str, str | None]]:
    path = data / "fakenewscorpus_sample" / "news_sample.csv"
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            yield {"title": row.get("title") or None, "text": row["content"], "outlet": row["domain"], "date": None}


def _basil(data: Path) -> Iterator[dict[str, str | None]]:
    for path in sorted((data / "basil" / "articles").glob("*/*.json")):
        record = json.loads(path.read_text(encoding="utf-8"))
        paragraphs = record.get("body-paragraphs") or []
        text = "\n\n".join(" ".join(p) if isinstance(p, list) else str(p) for p in paragraphs)
        yield {"title": record.get("title"), "text": text, "outlet": record.get("source"), "date": record.get("date")}


def _polnear(data: Path) -> Iterator[dict[str, str | None]]:
    for split in ("dev", "train"):
        for path in sorted((data / "polnear" / split / "text").glob("*.txt")):
            yield {"title": None, "text": path.read_text(encoding="utf-8"), "outlet": None, "date": None}


def build_pile(data: Path, size: int) -> list[dict[str, str | None]]:
    pile: list[dict[str, str | None]] = []
    for source in (_event_piles, _fakenews, _basil, _polnear):
        for row in source(data):
            if row["text"] and len(str(row["text"]).split()) >= 50:
                pile.append(row)
            if len(pile) >= size:
                return pile
    return pile


def baseline_seconds(texts: list[str]) -> tuple[float, float]:
    """Wall and CPU seconds of one full spaCy pass over ``texts`` in this process (model loaded first)."""
    import spacy

    from storytrace.claims.nlp import MODEL

    nlp = spacy.load(MODEL)  # the model as shipped, without storytrace's memoised components
    started, cpu = time.perf_counter(), time.process_time()
    for _doc in nlp.pipe(texts, batch_size=16):
        pass
    return time.perf_counter() - started, time.process_time() - cpu


def run_watched(command: list[str], every: float = 0.2) -> tuple[int, str, str, float, float, float]:
    """Run ``command``; sample its process tree (the worker processes of a forkserver are not its
    children, so ``getrusage`` would miss them) every ``every`` seconds. Returns the exit code,
    stdout, stderr, the CPU seconds of the whole tree (each process's last sample), the peak of the
    tree's summed RSS and the peak RSS of the command's own process, in MB."""
    import psutil

    with tempfile.TemporaryFile("w+") as out, tempfile.TemporaryFile("w+") as err:
        process = subprocess.Popen(command, stdout=out, stderr=err, text=True)
        root = psutil.Process(process.pid)
        cpu: dict[int, float] = {}
        peak = peak_main = 0.0
        while process.poll() is None:
            total = 0.0
            try:
                tree = [root, *root.children(recursive=True)]
            except psutil.NoSuchProcess:
                break
            for member in tree:
                try:
                    times = member.cpu_times()
                    rss = member.memory_info().rss / 2**20
                except psutil.NoSuchProcess:
                    continue
                cpu[member.pid] = times.user + times.system
                total += rss
                if member.pid == root.pid:
                    peak_main = max(peak_main, rss)
            peak = max(peak, total)
            time.sleep(every)
        process.wait()
        out.seek(0)
        err.seek(0)
        return process.returncode, out.read(), err.read(), sum(cpu.values()), peak, peak_main


def _spacy_version() -> str:
    """The spaCy release the figures were measured with (builds after 3.8.6 are ~2.5x slower)."""
    from importlib.metadata import version

    return version("spacy")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, required=True, help="the shared data folder (../shared/data)")
    parser.add_argument("--size", type=int, default=600)
    parser.add_argument("--workers", type=int, default=0)
    parser.add_argument("--paraphrase-encoder", choices=["minilm", "static"], default="minilm",
                        help="passed to analyze (static: the cheap sentence encoder)")
    parser.add_argument("--again", action="store_true",
                        help="then analyse the same store again (claims and sentence vectors remembered)")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    pile = build_pile(args.data, args.size)
    if len(pile) < args.size:
        sys.exit(f"only {len(pile)} articles found under {args.data}")
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "pile.jsonl"
        source.write_text("\n".join(json.dumps(row) for row in pile) + "\n", encoding="utf-8")
        command = [
            sys.executable, "-m", "storytrace", "analyze", str(source), "--db", str(Path(folder) / "pile.db"),
            "--out", str(Path(folder) / "dossier.json"), "--workers", str(args.workers), "--json",
            "--paraphrase-encoder", args.paraphrase_encoder,
        ]
        started = time.perf_counter()
        returncode, stdout, stderr, cpu_seconds, peak_mb, peak_main_mb = run_watched(command)
        seconds = time.perf_counter() - started
        if returncode != 0:
            sys.exit(f"analyze failed ({returncode}): {stderr[-2000:]}")
        summary = json.loads(stdout.strip().splitlines()[-1])
        again: dict[str, float] = {}
        if args.again:
            # the same store analysed again, nothing new: claims and sentence vectors come from the store
            rerun = [sys.executable, "-m", "storytrace", "analyze", "--db", str(Path(folder) / "pile.db"),
                     "--out", str(Path(folder) / "again.json"), "--workers", str(args.workers), "--json",
                     "--paraphrase-encoder", args.paraphrase_encoder]
            started = time.perf_counter()
            code, _, err, again_cpu, again_peak, _ = run_watched(rerun)
            if code != 0:
                sys.exit(f"analyze (again) failed ({code}): {err[-2000:]}")
            same = (Path(folder) / "again.json").read_bytes() == (Path(folder) / "dossier.json").read_bytes()
            again = {"again_seconds": round(time.perf_counter() - started, 2), "again_cpu_seconds": round(again_cpu, 1),
                     "again_peak_rss_mb": round(again_peak), "again_same_dossier": same}
    words = sum(len(str(row["text"]).split()) for row in pile)
    base, base_cpu = baseline_seconds([str(row["text"]) for row in pile])
    result = {
        "articles": len(pile), "words": words, "paraphrase_encoder": args.paraphrase_encoder,
        "seconds": round(seconds, 2),
        "articles_per_second": round(len(pile) / seconds, 2),
        # the peak of the summed RSS of analyze and its worker processes (and of analyze alone)
        "peak_rss_mb": round(peak_mb), "peak_rss_main_mb": round(peak_main_mb),
        # CPU time of analyze and its workers: less sensitive than wall time to other work on the box
        "cpu_seconds": round(cpu_seconds, 1),
        "baseline_spacy_seconds": round(base, 2), "ratio_to_baseline": round(seconds / base, 3),
        "baseline_cpu_seconds": round(base_cpu, 1), "cpu_ratio_to_baseline": round(cpu_seconds / base_cpu, 3),
        "stories": summary["stories"], "reuse_pairs": summary["reuse_pairs"],
        "independent_origins": summary["independent_origins"], "claims": summary["claims"],
        "goal": "600 articles in <= 30 s and <= 2048 MB",
        "spacy": _spacy_version(),
        **again,
    }
    if args.json:
        print(json.dumps(result))
    else:
        for key, value in result.items():
            print(f"{key:>24}: {value}")


if __name__ == "__main__":
    main()
